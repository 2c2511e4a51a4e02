"""`resettle restore FILE --yes`: replace the whole database with a backup made by `resettle backup`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resettle.core.backups import BackupError, restore


class Command(BaseCommand):
    help = "Replace the whole database with the backup in FILE. Everything written since it was made is lost."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="yes, replace the database")

    def handle(self, *args, file, yes, **options):
        if not yes:
            raise CommandError("restore replaces the whole database: give --yes to do it")
        try:
            restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored from {file}")
