"""Resident pages of meetings: /p/<org_code>/meetings/."""

from django.urls import path

from buurtpeil.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("<int:meeting_id>/", views.meeting_page, name="meeting"),
    path("<int:meeting_id>/register/", views.register, name="register"),
    path("<int:meeting_id>/question/", views.question, name="question"),
    path("i/<str:invitation_token>/", views.invited, name="invited"),
]
