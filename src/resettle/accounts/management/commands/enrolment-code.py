"""`resettle enrolment-code USER`: a one-time code for USER to set up his authenticator app with."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from resettle.accounts import two_factor


class Command(BaseCommand):
    help = (
        "Issue a one-time code for a user to set up two-factor sign-in with (replacing any he has not used). "
        "Give it to him apart from his password: in person or by phone. Audited."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user called {username}")
        code = two_factor.issue_enrolment_code(user)
        until = timezone.localtime(timezone.now() + two_factor.ENROLMENT_CODE_LIFETIME)
        self.stdout.write(code)
        self.stderr.write(
            f"Enrolment code for {username}: it works once, until {until:%d %B %Y %H:%M}. "
            "Give it to him apart from his password."
        )
