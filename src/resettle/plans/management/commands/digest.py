"""`resettle digest`: email each POM, SPO and head of offender management what became due or overdue.

Run daily after `resettle refresh`. Uses Django's email backend (console in development, SMTP in
production); `--since` widens the window after a missed day."""

from django.core.management.base import BaseCommand

from resettle.core.clock import today
from resettle.core.management.arguments import iso_date
from resettle.plans.digest import send_digests


class Command(BaseCommand):
    help = "Email the daily readiness digest to every POM, SPO and HOMD with something newly due or overdue."

    def add_arguments(self, parser):
        parser.add_argument("--since", type=iso_date, help="changes since this day (default yesterday)")
        parser.add_argument("--prison", help="only this prison's staff (code, e.g. DAI)")
        parser.add_argument(
            "--base-url", default="", help="the service's address, for the link in each email"
        )

    def handle(self, *args, since, prison, base_url, **options):
        sent = send_digests(today=today(), since=since, prison=prison, base_url=base_url)
        self.stdout.write(f"{sent} digest email{'s' if sent != 1 else ''} sent")
