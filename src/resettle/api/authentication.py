"""DRF authentication that trusts what the access gate already established, so that the API and the
screens agree on who is asking: the token's user (resettle.api.tokens) or the signed-in session's user,
the latter with DRF's CSRF check, since a browser sends the session cookie whoever wrote the page."""

from rest_framework.authentication import BaseAuthentication


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        token = getattr(request._request, "api_token", None)
        return None if token is None else (token.user, token)

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="resettle"'
