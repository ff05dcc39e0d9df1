"""Staff pages of polls: /staff/<org_code>/polls/."""

from django.urls import path  # noqa: F401

app_name = "polls"
urlpatterns: list = []
