"""Release-date calculation for determinate sentences, agreeing with the MoJ's Calculate Release Dates
service (CRDS) and explaining every date. Pure Python: no Django here.

    booking = parse_booking(raw["booking"], raw.get("userInputs"))
    result = calculate(booking, load_profile("calculation-params"), Toggles())
    result.dates["CRD"], result.breakdown["CRD"].because
"""

from .engine import calculate
from .legislation import PRODUCTION_TOGGLES, Profile, Toggles, load_profile, profile_names
from .parse import BookingInvalid, parse_booking
from .result import Calculation, Refused

__all__ = [
    "PRODUCTION_TOGGLES",
    "BookingInvalid",
    "Calculation",
    "Profile",
    "Refused",
    "Toggles",
    "calculate",
    "load_profile",
    "parse_booking",
    "profile_names",
]
