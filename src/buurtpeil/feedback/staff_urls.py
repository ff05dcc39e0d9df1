"""Staff pages of feedback to residents, under /staff/<org_code>/."""

from django.urls import path

from buurtpeil.feedback import staff_views

POLL = "polls/<int:poll_id>/feedback/"

app_name = "feedback_staff"
urlpatterns = [
    path("feedback/", staff_views.feedback_list, name="list"),
    path(POLL, staff_views.feedback_edit, name="edit"),
    path(POLL + "publish/", staff_views.feedback_publish, name="publish"),
]
