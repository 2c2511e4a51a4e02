from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "resettle.people"
    label = "people"

    def ready(self) -> None:
        from . import signals  # noqa: F401
