from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "resettle.core"
    label = "core"
