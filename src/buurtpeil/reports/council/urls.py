"""Council reports: /staff/<org_code>/reports/."""

from django.urls import path

from buurtpeil.reports.council import views

app_name = "reports_council"
REPORT = "<int:report_id>/"
urlpatterns = [
    path("", views.report_list, name="list"),
    path(REPORT, views.report_detail, name="detail"),
    path(REPORT + "progress/", views.report_progress, name="progress"),
    path(REPORT + "pdf/", views.report_pdf, name="pdf"),
    path(REPORT + "odt/", views.report_odt, name="odt"),
]
