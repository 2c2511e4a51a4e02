from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "resettle.audit"
    label = "audit"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model

        from resettle.accounts.models import InspectionGrant
        from resettle.people.models import (
            Adjustment,
            Booking,
            Offence,
            Person,
            RecordedKeyDates,
            RiskProfile,
            Sentence,
        )
        from resettle.staff.models import Allocation

        from . import signals  # noqa: F401  (sign-in, sign-out and failed sign-in)
        from .changes import track

        # Every change to these is audited with its before and after; a new model needs one line here.
        # Plan records (the accommodation plan among them) are audited by the one service that writes
        # them (resettle.plans.services.save_record), once per write.
        track(Person, person="self")
        track(Booking, person="person")
        track(Sentence, person="booking__person")
        track(Offence, person="sentence__booking__person")
        track(Adjustment, person="booking__person")
        track(RecordedKeyDates, person="booking__person")
        track(RiskProfile, person="person")
        track(Allocation, person="person")
        track(get_user_model(), ignore=("password", "last_login"))
        track(InspectionGrant)
