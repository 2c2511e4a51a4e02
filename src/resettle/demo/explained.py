"""What `resettle demo` prints after loading, in words: a count without its meaning ("off target 51,
refused 22") tells the person who ran `make run` nothing."""

from collections import Counter

# What each count of the release-date placing means (resettle.demo.calculation), in the order printed.
ENGINE_COUNTS = {
    "on target": "men whose release, as the release-date engine calculates it, is the date the demo aimed for",
    "off target": (
        "men whose release the engine puts a few days from that date (month arithmetic makes it jump): "
        "they keep the engine's date"
    ),
    "refused": (
        "bookings the engine cannot calculate (indeterminate sentences and the like): they keep the "
        "demo's own dates"
    ),
    "target reflected": (
        "men sentenced too recently to reach the date first aimed for, whose date was moved inside the "
        "engine's furthest release"
    ),
    "engine runs": "calculations made to place them, at most 7 a booking",
}


def engine_lines(counts: Counter) -> list[str]:
    """Each count of the release-date placing, with what it means."""
    width = max((len(f"{counts[name]:,}") for name in ENGINE_COUNTS), default=0)
    return [
        "Release dates, placed where the release-date engine puts them (docs/demo-data.md):",
        *(f"  {counts[name]:>{width},} {name}: {meaning}" for name, meaning in ENGINE_COUNTS.items()),
    ]


def scale_lines(scale: str, *, peopled: list[str], prisons: int) -> list[str]:
    """Which prisons hold people, and why the others are empty at prison scale."""
    if scale == "national":
        return [f"People are in all {prisons} prisons (the national scale)."]
    return [
        f"People are in {len(peopled)} of the {prisons} prisons only: {_listed(peopled)} (the prison scale, "
        "quick to load). The other prisons are in the estate, with their rolls and places for transfers, "
        "but hold no one's record.",
        "To fill all of them (85,000 men, a much longer load): resettle demo --scale national --replace",
    ]


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
