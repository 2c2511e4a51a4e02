from django.urls import path

from . import views

urlpatterns = [
    path("audit/", views.audit_trail, name="audit-trail"),
    path("audit/subject-access/<str:prison_number>.json", views.subject_access, name="subject-access-export"),
]
