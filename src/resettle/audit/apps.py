from django.apps import AppConfig

DEVICE_COUNTERS = (
    "drift",
    "last_t",
    "throttling_failure_timestamp",
    "throttling_failure_count",
    "last_used_at",
)


class AuditConfig(AppConfig):
    name = "resettle.audit"
    label = "audit"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from resettle.accounts.models import EnrolmentCode, InspectionGrant
        from resettle.api.models import ApiToken
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
        from .changes import track, track_memberships

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
        # Who may do what: a user's roles (his groups), password, active flag, API tokens and authenticators.
        # Secrets by fingerprint only; an authenticator's counters, which move at every code, not at all.
        track(get_user_model(), ignore=("last_login",), hidden=("password",))
        track_memberships(get_user_model(), "groups")
        track_memberships(get_user_model(), "user_permissions")
        track(ApiToken, ignore=("last_used_at",), hidden=("key_hash",))
        track(TOTPDevice, ignore=DEVICE_COUNTERS, hidden=("key",))
        track(EnrolmentCode, hidden=("code_hash",))
        track(InspectionGrant)
