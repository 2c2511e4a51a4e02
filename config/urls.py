from django.contrib import admin
from django.urls import include, path

# Every view reached from here declares an access rule (resettle.accounts.access); one that does not is
# refused. The admin site's rule is the user-administration rule, whatever its pages.
urlpatterns = [
    path("", include("resettle.accounts.service_urls")),
    path("", include("resettle.accounts.urls")),
    path("", include("resettle.people.urls")),
    path("", include("resettle.plans.urls")),
    path("", include("resettle.planning.urls")),
    path("", include("resettle.projections.urls")),
    path("", include("resettle.reports.urls")),
    path("", include("resettle.audit.urls")),
    path("", include("resettle.interop.urls")),
    path("api/", include("resettle.api.urls")),
    path("admin/", admin.site.urls),
]

# Under /api/ these answer as RFC 9457 problem details; elsewhere as Django's usual pages.
handler400 = "resettle.core.errors.bad_request"
handler403 = "resettle.core.errors.permission_denied"
handler404 = "resettle.core.errors.page_not_found"
handler500 = "resettle.core.errors.server_error"
