from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("resettle.core.urls")),
    path("", include("resettle.accounts.urls")),
    path("", include("resettle.people.urls")),
    path("admin/", admin.site.urls),
]
