"""/api/v1: paths without a trailing slash (a request with one gets a 404 problem)."""

from django.urls import path

from buurtpeil.api import docs_views, views

app_name = "api"
urlpatterns = [
    path("peilingen", views.PollList.as_view(), name="poll_list"),
    path("peilingen/<int:id>", views.PollDetail.as_view(), name="poll_detail"),
    path("peilingen/<int:id>/aantallen", views.PollCounts.as_view(), name="poll_counts"),
    path("antwoorden", views.AnswerSubmit.as_view(), name="answer_submit"),
    path("openapi.json", docs_views.OpenApiDocument.as_view(), name="openapi"),
    path("docs", docs_views.ApiDocs.as_view(), name="docs"),
]
