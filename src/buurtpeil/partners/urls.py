"""Staff pages of partners: /staff/<org_code>/partners/."""

from django.urls import path

from buurtpeil.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.partner_list, name="list"),
    path("new/", views.partner_edit, name="new"),
    path("<int:partner_id>/", views.partner_edit, name="edit"),
]
