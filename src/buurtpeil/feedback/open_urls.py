"""Public feedback pages: /open/<org_code>/feedback/."""

from django.urls import path

from buurtpeil.feedback import open_views

app_name = "feedback_open"
urlpatterns = [
    path("", open_views.feedback_list, name="list"),
    path("<int:poll_id>/", open_views.feedback_detail, name="detail"),
]
