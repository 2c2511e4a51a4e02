from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "resettle.plans"
    label = "plans"
