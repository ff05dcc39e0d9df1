"""Staff pages of exports and reports, under /staff/<org_code>/."""

from django.urls import path

from buurtpeil.reports import views
from buurtpeil.reports.annex import views as annex_views

app_name = "reports"
urlpatterns = [
    path("polls/<int:poll_id>/exports/", views.answers_exports, name="exports"),
    path("polls/<int:poll_id>/exports/results/", views.results_exports, name="results_exports"),
    path("plans/<int:plan_id>/annex.pdf", annex_views.plan_annex, {"kind": "pdf"}, name="plan_annex_pdf"),
    path("plans/<int:plan_id>/annex.odt", annex_views.plan_annex, {"kind": "odt"}, name="plan_annex_odt"),
]
