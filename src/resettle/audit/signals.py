"""Sign-ins, failed sign-ins and sign-outs, from Django's own signals."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import Action
from .recorder import record


@receiver(user_logged_in, dispatch_uid="audit:signed-in")
def signed_in(sender, request, user, **kwargs):
    record(Action.SIGN_IN, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="audit:sign-in-failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    record(Action.SIGN_IN_FAILED, request=request, username=str(credentials.get("username", ""))[:150])


@receiver(user_logged_out, dispatch_uid="audit:signed-out")
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(Action.SIGN_OUT, request=request, user=user)
