from django.contrib import admin
from django.urls import include, path

# Every view reached from here declares an access rule (resettle.accounts.access); one that does not is
# refused. The admin site's rule is the user-administration rule, whatever its pages.
urlpatterns = [
    path("", include("resettle.core.urls")),
    path("", include("resettle.accounts.urls")),
    path("", include("resettle.people.urls")),
    path("", include("resettle.plans.urls")),
    path("", include("resettle.audit.urls")),
    path("", include("resettle.interop.urls")),
    path("admin/", admin.site.urls),
]
