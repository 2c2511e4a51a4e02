"""Argument types shared by the `resettle` commands."""

import argparse
from datetime import date


def iso_date(value: str) -> date:
    """A date given on the command line as YYYY-MM-DD, refused with the value when it is not one."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None
