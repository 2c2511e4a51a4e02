"""The idle timeout: a session ends SESSION_COOKIE_AGE seconds after its last renewal.

Renewing it on every request (Django's SESSION_SAVE_EVERY_REQUEST) writes the session row on every page
view, a transaction per request that all staff pay for all day. A renewal at most once a minute keeps the
timeout within a minute of exact for a write a minute per user instead.
"""

import time

RENEW_AFTER_SECONDS = 60
RENEWED = "_renewed_at"


def due_for_renewal(renewed_at: int | None, now: int) -> bool:
    return renewed_at is None or now - renewed_at >= RENEW_AFTER_SECONDS


class IdleTimeoutMiddleware:
    """Marks an existing session changed, so that SessionMiddleware saves it with a fresh expiry, when its
    last renewal is a minute old. A visitor without a session is not given one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.session_key is None:
            return response
        renewed_at = session.get(RENEWED)  # loading a session that has ended clears its key
        now = int(time.time())
        if session.session_key is not None and due_for_renewal(renewed_at, now):
            session[RENEWED] = now
        return response
