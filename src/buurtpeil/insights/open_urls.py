"""Public open data: /open/<org_code>/."""

from django.urls import path

from buurtpeil.insights import open_views

app_name = "open_data"
urlpatterns = [
    path("", open_views.open_polls, name="list"),
    path("<int:poll_id>/", open_views.open_poll, name="poll"),
    path("<int:poll_id>.csv", open_views.open_poll_csv, name="csv"),
]
