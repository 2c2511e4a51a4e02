from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "resettle.planning"
    label = "planning"
    verbose_name = "transfer planning"
