from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "resettle.plans"
    label = "plans"

    def ready(self) -> None:
        from . import signals

        signals.connect()
