"""The one place access is enforced: every resolved view passes through AccessPolicyMiddleware."""

import logging
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django_otp import user_has_device

from resettle.audit import recorder
from resettle.core import problems
from resettle.core.clock import today

from . import policy
from .access import Rule, rule_for
from .scope import scope_for

logger = logging.getLogger(__name__)


def two_factor_pending(request) -> bool:
    """Whether a person signed in with a password still owes his second factor. A system calling the API
    with a token has no second factor to give: the token is its credential (resettle.api.tokens)."""
    if getattr(request, "api_token", None) is not None:
        return False
    return settings.RESETTLE_REQUIRE_TWO_FACTOR and not request.user.is_verified()


def searched_model(query):
    """The model an admin autocomplete searches: the one its `field_name` points to (a booking's `person`
    searches people), or None when the query names no such field."""
    try:
        source = apps.get_model(query.get("app_label", ""), query.get("model_name", ""))
        return source._meta.get_field(query.get("field_name", "")).remote_field.model
    except (LookupError, ValueError, FieldDoesNotExist, AttributeError):
        return None


def is_autocomplete(match) -> bool:
    return match.url_name == "autocomplete" and "admin" in match.namespaces


def _admin_app(request) -> str | None:
    """The Django app an admin page is about ('' for the index, sign-in and other site-wide pages). The
    autocomplete is about the app of the model it searches, which lists that model's rows: None if none."""
    match = request.resolver_match
    if is_autocomplete(match):
        model = searched_model(request.GET)
        return model._meta.app_label if model is not None else None
    if "app_label" in match.kwargs:
        return match.kwargs["app_label"]
    segments = match.route.split("/")
    return segments[1] if len(segments) > 1 and segments[1] in apps.app_configs else ""


class AccessPolicyMiddleware:
    """Refuse every view that has no access rule, and enforce the rule of every view that has one.

    Signed-out visitors go to sign in; users who still owe a second factor go to enrol or give it; a
    role that the rule does not allow gets 403; a prison or person outside his scope is 404, the same
    answer as one that does not exist, so that ids cannot be probed. Each use of a person's record is
    audited here, so that no view can forget to.

    What the check found is kept for the view: `request.prison`, the prison it read, and `request.person_id`
    and `request.person_held_at`, the id and current prison of the man it allowed (one he may change, for a
    rule that changes him), so that the view reads neither again, nor by any other way than the gate did.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.scope = SimpleLazyObject(lambda: scope_for(request.user, today=today()))
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        rule = rule_for(view_func, request.resolver_match.namespaces, request.method)
        if rule is None:
            logger.error(
                "No access rule for %s (%s): refused", request.path, request.resolver_match.view_name
            )
            raise PermissionDenied("This page has no access rule")
        if not rule.sign_in:
            return None
        if not request.user.is_authenticated:
            if problems.is_api(request):
                return problems.not_signed_in(request)
            return redirect_to_login(request.get_full_path())
        if rule.two_factor and two_factor_pending(request):
            if problems.is_api(request):
                return problems.not_signed_in(request, "Give your second factor before using the API")
            step = "two-factor-verify" if user_has_device(request.user) else "two-factor-setup"
            return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
        try:
            self._check(rule, request, view_kwargs)
        except (PermissionDenied, Http404) as refusal:
            if problems.is_api(request):  # answered here, so that its reason is kept with DEBUG on too
                status = 404 if isinstance(refusal, Http404) else 403
                return problems.response(request, status, detail=str(refusal))
            raise
        return None

    def _check(self, rule: Rule, request, view_kwargs) -> None:
        scope = request.scope
        if not rule.allows(scope):
            raise PermissionDenied(f"Your roles do not allow {rule.name}")
        if rule.admin_apps:
            if _admin_app(request) not in {"", *rule.admin_apps}:
                raise PermissionDenied("Case records are not managed here")
            if is_autocomplete(request.resolver_match):
                recorder.admin_searched(request, searched_model(request.GET))
        if rule.prison:
            request.prison = policy.prison_seen(scope, view_kwargs[rule.prison])
            if request.prison is None:
                raise Http404("No prison with that code in your scope")
        if rule.person:
            number = view_kwargs[rule.person]
            found = (policy.person_editable if rule.changes_person else policy.person_seen)(scope, number)
            if found is None:
                recorder.access_refused(request, number)
                raise Http404("No person with that prison number in your scope")
            request.person_id, request.person_held_at = found
            if rule.audit_as:
                recorder.person_accessed(request, number, rule.audit_as)
