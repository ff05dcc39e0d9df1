"""The resident's answered polls and their feedback: /p/<org_code>/me/polls/."""

from django.urls import path

from buurtpeil.feedback import resident_views

app_name = "feedback_resident"
urlpatterns = [
    path("", resident_views.my_polls, name="my_polls"),
]
