from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "resettle.interop"
    label = "interop"
