"""The audit trail: one append-only row per view, list, change, import, export and sign-in.

Rows are written without any lock (each carries its own keyed digest) and sealed into one hash chain
afterwards, in id order, by `resettle audit seal`; `resettle audit verify` checks both. docs/security.md
explains why.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Action(models.TextChoices):
    VIEW = "VIEW", "Viewed a person's record"
    LIST = "LIST", "Listed or searched people"
    ACCESS_REFUSED = "ACCESS_REFUSED", "Refused a person's record"
    CREATE = "CREATE", "Created a record"
    CHANGE = "CHANGE", "Changed a record"
    DELETE = "DELETE", "Deleted a record"
    IMPORT = "IMPORT", "Imported"
    EXPORT = "EXPORT", "Exported"
    SUBJECT_ACCESS = "SUBJECT_ACCESS", "Subject access export"
    SIGN_IN = "SIGN_IN", "Signed in"
    SIGN_IN_FAILED = "SIGN_IN_FAILED", "Failed to sign in"
    SIGN_OUT = "SIGN_OUT", "Signed out"


class AppendOnly(models.QuerySet):
    """Entries are never deleted, and only the chain fields of an unsealed entry are ever written."""

    def delete(self):
        raise PermissionError("The audit trail is append-only")

    def update(self, **fields):
        if set(fields) - {"sequence", "chain_hash"}:
            raise PermissionError("The audit trail is append-only")
        return super().update(**fields)


class AuditEntry(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # PROTECT: a user with an audit history is deactivated, never deleted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True, help_text="As typed, for a failed sign-in")
    action = models.CharField(max_length=20, choices=Action.choices)
    path = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    query = models.JSONField(default=dict, blank=True, help_text="What a list or search asked for")
    people = models.JSONField(default=list, blank=True, help_text="Prison numbers of the people concerned")
    record = models.CharField(max_length=120, blank=True, help_text="Model and id of a changed row")
    changes = models.JSONField(default=dict, blank=True, help_text="Field name to [before, after]")
    detail = models.CharField(max_length=500, blank=True)
    digest = models.CharField(max_length=64, help_text="Keyed hash of this entry, made when written")
    sequence = models.PositiveBigIntegerField(null=True, blank=True, unique=True)
    chain_hash = models.CharField(max_length=64, blank=True)

    objects = AppendOnly.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["actor", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit trail is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail is append-only")

    @property
    def sealed(self) -> bool:
        return self.sequence is not None
