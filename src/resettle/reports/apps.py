from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "resettle.reports"
    verbose_name = "Inspection reports"
