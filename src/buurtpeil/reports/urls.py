"""Staff pages of exports and reports, under /staff/<org_code>/."""

from django.urls import path

from buurtpeil.reports import views

app_name = "reports"
urlpatterns = [
    path("polls/<int:poll_id>/exports/", views.answers_exports, name="exports"),
    path("polls/<int:poll_id>/exports/results/", views.results_exports, name="results_exports"),
]
