"""Resident pages of signals: /p/<org_code>/signals/."""

from django.urls import path

from buurtpeil.concerns import views

app_name = "concerns"
urlpatterns = [
    path("", views.report, name="report"),
    path("sent/", views.sent, name="sent"),
]
