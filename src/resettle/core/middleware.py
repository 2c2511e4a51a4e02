"""Response headers beyond Django's own SecurityMiddleware and the Content Security Policy."""

from django.conf import settings

# Features no page of Resettle uses, switched off so that injected content cannot use them either.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        # Pages show case records: no browser or proxy may keep a copy. Static files set their own caching.
        if not request.path.startswith(f"/{settings.STATIC_URL.lstrip('/')}"):
            response.setdefault("Cache-Control", "no-store")
        return response
