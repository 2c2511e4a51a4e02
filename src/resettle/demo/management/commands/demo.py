"""`resettle demo`: load a seeded synthetic prison estate for demonstration and local development."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from resettle.core.clock import today as clock_today
from resettle.demo import explained, loader
from resettle.demo.users import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Create a synthetic estate: the prisons and probation delivery units of England and Wales, with "
        "people "
        "in HMP Dartmoor and two neighbouring prisons (--scale prison) or in every prison (--scale national)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=("prison", "national"), default="prison")
        parser.add_argument(
            "--seed", type=int, default=2017, help="The same seed and --today give the same data"
        )
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="The date to generate the estate around (YYYY-MM-DD); default: today",
        )
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if people are already loaded")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the existing estate, people, staff and demo users first",
        )

    def handle(self, *args, scale, seed, today, if_empty, replace, **options):
        if loader.estate_exists():
            if if_empty:
                self.stdout.write("Demo data is already loaded; leaving it alone (--if-empty).")
                return
            if not replace:
                raise CommandError(
                    "There is already an estate in this database. Use --replace to delete it "
                    "and load afresh, or --if-empty to keep it."
                )
            self.stdout.write("Deleting the existing estate...")
            loader.wipe()
        today = today or clock_today()
        self.stdout.write(f"Generating the {scale} demo estate around {today:%d %B %Y}, seed {seed}.")
        summary = loader.load(scale, seed, today, progress=options["verbosity"] > 0)
        self._report(scale, summary)

    def _report(self, scale: str, summary: loader.Summary) -> None:
        self.stdout.write("Rows written:")
        width = max(len(label) for label in summary.counts)
        for label, count in summary.counts.items():
            self.stdout.write(f"  {label:<{width}}  {count:>9,}")
        for line in [
            *(explained.engine_lines(summary.engine) if summary.engine else []),
            *explained.scale_lines(scale, peopled=summary.peopled, prisons=summary.counts["prisons"]),
        ]:
            self.stdout.write(line)
        rate = summary.people / summary.seconds if summary.seconds else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {summary.people:,} people in {summary.seconds:.1f} s ({rate:,.0f} people a second)."
            )
        )
        self.stdout.write(f"\nDemo users (password for all: {DEMO_PASSWORD})")
        rows = [("Username", "Role", "Name", "Works as")] + [
            (user.username, demo.group, user.get_full_name(), demo.works_as) for user, demo in summary.users
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for n, row in enumerate(rows):
            self.stdout.write("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
            if n == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in widths))
