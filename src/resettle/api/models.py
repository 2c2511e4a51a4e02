from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A secret a system sends as `Authorization: Bearer <token>` to act as `user`, with his roles and scope.

    Only a hash of the secret is kept, so a copy of the database gives nobody a working token; the secret is
    shown once, when it is issued (`resettle api-token issue`).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What uses it, e.g. 'nDelius nightly sync'")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12, help_text="The secret's first characters, to recognise it by")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_on = models.DateField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…) for {self.user}"
