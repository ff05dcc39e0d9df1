"""Resident endpoints of sending (unsubscribe, push subscription): /p/<org_code>/."""

from django.urls import path  # noqa: F401

app_name = "distribution"
urlpatterns: list = []
