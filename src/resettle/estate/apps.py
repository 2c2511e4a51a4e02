from django.apps import AppConfig


class EstateConfig(AppConfig):
    name = "resettle.estate"
    label = "estate"
