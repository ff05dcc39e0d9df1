"""Staff pages of sending: /staff/<org_code>/sending/."""

from django.urls import path  # noqa: F401

app_name = "distribution_staff"
urlpatterns: list = []
