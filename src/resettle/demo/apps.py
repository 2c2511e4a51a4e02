from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "resettle.demo"
    label = "demo"
