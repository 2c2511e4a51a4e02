from django.apps import AppConfig


class ProjectionsConfig(AppConfig):
    name = "resettle.projections"
    verbose_name = "Projections"
