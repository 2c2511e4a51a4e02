"""API tokens: issuing them, and recognising them on a request before the access gate looks at it.

The access gate (resettle.accounts.middleware) works on `request.user` for every view, the API's included,
so a token is turned into its user here, in a middleware that runs before the gate. A token that is wrong,
revoked or expired is refused outright (401) rather than treated as no token: a system that sends one
expects to be someone, and must hear that it is not.
"""

import hashlib
import secrets
from datetime import date, timedelta

from django.utils import timezone

from resettle.core import problems
from resettle.core.clock import today

from .models import ApiToken

PREFIX = "rst_"
SCHEMES = ("bearer", "token")
# last_used_at is written at most this often, so that a busy system does not write on every request.
USE_RECORDED_EVERY = timedelta(minutes=5)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue(user, name: str, *, expires_on: date | None = None) -> tuple[ApiToken, str]:
    """A new token for `user`: the stored row, and the secret, which is not kept and cannot be shown again."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=digest(secret), prefix=secret[:12], expires_on=expires_on
    )
    return token, secret


def presented(request) -> str | None:
    """The secret in the Authorization header, or None if the request carries no token."""
    scheme, _, secret = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return secret.strip() if scheme.lower() in SCHEMES and secret.strip() else None


def valid_token(secret: str) -> ApiToken | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or (token.expires_on is not None and token.expires_on < today()):
        return None
    return token


class ApiTokenMiddleware:
    """Sign a request in as the user of the API token it carries, for that request only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        secret = presented(request)
        if secret is None or not problems.is_api(request):
            return self.get_response(request)
        token = valid_token(secret)
        if token is None:
            return problems.not_signed_in(
                request, "The API token is not valid: it is wrong, revoked or expired"
            )
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > USE_RECORDED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        request.user = token.user
        request.api_token = token
        return self.get_response(request)
