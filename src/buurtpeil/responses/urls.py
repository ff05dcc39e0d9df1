"""The answering pages: /p/<org_code>/a/<token>."""

from django.urls import path  # noqa: F401

app_name = "responses"
urlpatterns: list = []
