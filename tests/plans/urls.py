"""The project's URLs plus the plans app's, for tests until config/urls.py includes resettle.plans.urls
(a duplicate include is harmless: the first match wins and both point at the same views)."""

from django.urls import include, path

from config.urls import urlpatterns as project

urlpatterns = [*project, path("", include("resettle.plans.urls"))]
