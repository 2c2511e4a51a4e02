from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "resettle.staff"
    label = "staff"
