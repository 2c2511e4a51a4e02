from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "resettle.core"
    label = "core"
    verbose_name = "Background jobs"  # what the admin site lists of this app: its Job model
