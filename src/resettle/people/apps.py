from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "resettle.people"
    label = "people"
