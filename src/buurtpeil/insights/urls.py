"""Staff pages of results: /staff/<org_code>/results/."""

from django.urls import path

from buurtpeil.insights import views

app_name = "insights"
POLL = "<int:poll_id>/"
urlpatterns = [
    path("", views.overview, name="overview"),
    path(POLL, views.poll_results_page, name="poll"),
    path(POLL + "map/", views.poll_map, name="map"),
    path(POLL + "areas/<str:area_code>/", views.poll_area, name="area"),
    path(POLL + "crime/", views.poll_crime, name="crime"),
    path(POLL + "publish/", views.poll_results_publish_view, name="publish"),
    path(POLL + "compute/", views.poll_results_compute_view, name="compute"),
]
