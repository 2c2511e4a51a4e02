from django.urls import path

from . import import_views, views

urlpatterns = [
    path("prisons/<str:prison_code>/caseload.csv", views.caseload_csv, name="caseload-csv"),
    path("prisons/<str:prison_code>/worklists/<slug:name>.csv", views.worklist_csv, name="worklist-csv"),
    path("people/<str:prison_number>/record.json", views.person_json, name="person-json"),
    path("import/", import_views.import_records, name="import"),
    path("import/jobs/<int:job>/", import_views.import_progress, name="import-progress"),
    path("import/jobs/<int:job>.json", import_views.import_progress_json, name="import-progress-json"),
    path("import/report/", import_views.import_report, name="import-report"),
    path("import/report/rejected.json", import_views.import_rejected, name="import-rejected"),
]
