from django.conf import settings
from django.db import models
from django.utils import timezone

# How the report names each kind of record (resettle.interop.importer.KINDS).
KIND_NAMES = {"prisoner": "Prisoner records", "probation": "Probation blocks", "booking": "Bookings (CRDS)"}


class LastImport(models.Model):
    """An administrator's last import through the upload page: its report, and the records it rejected
    with their data, for him alone to read and correct. Each upload replaces his previous one: rejected
    records hold personal data, kept no longer than it takes to put them right and import them again."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="last_import"
    )
    imported_at = models.DateTimeField(default=timezone.now)
    files = models.JSONField(default=list)
    counts = models.JSONField(default=dict, help_text="As the importer counts: 'prisoner stored' and so on")
    people_changed = models.PositiveIntegerField(default=0)
    rejections = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"{self.user}'s import of {self.imported_at:%Y-%m-%d %H:%M}"

    @property
    def kinds(self) -> list[dict]:
        """Stored and unchanged records of each kind the files held."""
        return [
            {
                "name": name,
                "stored": self.counts.get(f"{kind} stored", 0),
                "unchanged": self.counts.get(f"{kind} unchanged", 0),
            }
            for kind, name in KIND_NAMES.items()
            if self.counts.get(f"{kind} stored") or self.counts.get(f"{kind} unchanged")
        ]

    @property
    def rejected(self) -> int:
        return self.counts.get("rejected", 0)
