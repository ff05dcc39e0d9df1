"""Staff pages of partners: /staff/<org_code>/partners/."""

from django.urls import path

from buurtpeil.partners import network_views, views

app_name = "partners"
urlpatterns = [
    path("", views.partner_list, name="list"),
    path("new/", views.partner_edit, name="new"),
    path("network/", network_views.network_page, name="network"),
    path("<int:partner_id>/", views.partner_edit, name="edit"),
]
