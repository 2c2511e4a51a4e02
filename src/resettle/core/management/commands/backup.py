"""`resettle backup FILE`: the whole database, to be restored with `resettle restore` (docs/deployment.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resettle.core.backups import BackupError, back_up


class Command(BaseCommand):
    help = "Back up the whole database to FILE (PostgreSQL: pg_dump's custom format; SQLite: a copy)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            back_up(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up to {file} ({file.stat().st_size:,} bytes)")
