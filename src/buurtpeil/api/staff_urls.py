"""Staff page of API tokens: /staff/<org_code>/api-tokens/."""

from django.urls import path

from buurtpeil.api import staff_views

app_name = "api_staff"
urlpatterns = [
    path("", staff_views.api_tokens, name="list"),
    path("<int:token_id>/revoke/", staff_views.api_token_revoke, name="revoke"),
]
