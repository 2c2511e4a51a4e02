"""`resettle refresh`: recalculate everyone's release dates and re-derive what depends on today's date.

Idempotent and safe to run nightly: a booking whose input and rules are unchanged is not rewritten.
"""

import os
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from resettle.core.clock import today
from resettle.people.release_dates import bookings_for_calculation, live_rules, recalculate_bookings
from resettle.plans.services import people_to_evaluate, refresh_all_readiness


class Command(BaseCommand):
    help = "Recalculate release dates for every active booking (or one prison's) and refresh derived dates."

    def add_arguments(self, parser):
        parser.add_argument("--prison", help="only the people held at this prison (code, e.g. DAI)")
        parser.add_argument(
            "--workers",
            type=int,
            default=min(2, os.cpu_count() or 1),
            help="processes to calculate in (default: up to 2)",
        )
        parser.add_argument(
            "--force", action="store_true", help="write every calculation again, even where nothing changed"
        )

    def handle(self, *args, prison, workers, force, **options):
        bookings = bookings_for_calculation()
        if prison:
            bookings = bookings.filter(person__current_prison__code=prison)
        total = bookings.count()
        self.stdout.write(f"Recalculating {total:,} bookings under {live_rules().label}")
        started = time.perf_counter()
        with tqdm(total=total, unit="booking", disable=options["verbosity"] == 0) as bar:
            counts = recalculate_bookings(bookings, workers=workers, progress=bar, force=force)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{counts['bookings']:,} bookings, {counts['changed']:,} calculations changed, "
            f"in {seconds:.1f} s ({counts['bookings'] / max(seconds, 1e-9):,.0f} bookings/s)"
        )
        self._refresh_readiness(prison, options["verbosity"])

    def _refresh_readiness(self, prison, verbosity) -> None:
        """After the dates: re-evaluate every readiness check for the men in custody (idempotent)."""
        people = people_to_evaluate(today())
        if prison:
            people = people.filter(current_prison__code=prison)
        started = time.perf_counter()
        with tqdm(total=people.count(), unit="person", disable=verbosity == 0, desc="Readiness") as bar:
            evaluated = refresh_all_readiness(prison=prison, progress=bar)
        seconds = time.perf_counter() - started
        self.stdout.write(f"Readiness re-evaluated for {evaluated:,} people in {seconds:.1f} s")
