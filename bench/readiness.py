"""Readiness benchmark: every check for every man in custody (the worklists under load are bench.screens').

Run by bench/__main__.py with Django configured and the national demo loaded. Its baseline, from the same
run, is only building the Cases from the database.
"""

import time

from .report import Row


def _timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def evaluation_row(*, batch_size: int = 2000) -> Row:
    """Evaluate all 40 checks for every man in custody and store the findings (refresh_all_readiness),
    against reading the same men into readiness Cases with the same queries."""
    from resettle.core.clock import today
    from resettle.plans.case_builder import cases_for
    from resettle.plans.services import people_to_evaluate, refresh_all_readiness
    from resettle.rules.readiness import CATALOGUE

    on = today()
    ids = list(people_to_evaluate(on).values_list("pk", flat=True))
    from resettle.people.models import Person

    def build_only():
        built = 0
        for start in range(0, len(ids), batch_size):
            built += len(cases_for(Person.objects.filter(pk__in=ids[start : start + batch_size])))
        return built

    build_seconds, built = _timed(build_only)
    full_seconds, evaluated = _timed(lambda: refresh_all_readiness(today=on, batch_size=batch_size))
    checks = evaluated * len(CATALOGUE)
    return Row(
        f"evaluate every readiness check ({len(CATALOGUE)} checks)",
        "men/s",
        f"{evaluated / full_seconds:,.0f} ({evaluated:,} men, {checks:,} findings in {full_seconds:.0f} s)",
        f"build Cases only {built / build_seconds:,.0f}/s",
        f"{full_seconds / build_seconds:.2f}x",
    )
