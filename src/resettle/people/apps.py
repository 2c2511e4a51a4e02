from django.apps import AppConfig
from django.core import checks


class PeopleConfig(AppConfig):
    name = "resettle.people"
    label = "people"

    def ready(self) -> None:
        checks.register(calculation_settings, checks.Tags.compatibility)


def calculation_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The release-date rules named in settings must exist: a misspelt toggle is not silently dropped
    (one typo would switch every production toggle off), nor an unknown profile left to fail later."""
    from django.conf import settings

    from resettle.rules.sentencing import Toggles, profile_names

    errors = []
    names = settings.RESETTLE_CALCULATION_TOGGLES
    unknown = Toggles.unknown_names(names or [])
    if unknown:
        errors.append(
            checks.Error(
                f"RESETTLE_CALCULATION_TOGGLES: unknown toggle {', '.join(unknown)}",
                hint="The toggles are the fields of resettle.rules.sentencing.Toggles",
                id="resettle.E001",
            )
        )
    if settings.RESETTLE_CALCULATION_PROFILE not in profile_names():
        errors.append(
            checks.Error(
                f"RESETTLE_CALCULATION_PROFILE: no rule profile {settings.RESETTLE_CALCULATION_PROFILE!r}",
                hint=f"The profiles are {', '.join(profile_names())}",
                id="resettle.E002",
            )
        )
    return errors
