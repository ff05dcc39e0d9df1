"""The coordinator's check-in page: /p/<org_code>/watch/<checkin_token>/."""

from django.urls import path

from buurtpeil.watch import views

app_name = "watch_checkin"
urlpatterns = [path("<str:checkin_token>/", views.checkin_answer, name="answer")]
