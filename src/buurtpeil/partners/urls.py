"""Staff pages of partners: /staff/<org_code>/partners/."""

from django.urls import path

from buurtpeil.partners import network_views, views

app_name = "partners"
urlpatterns = [
    path("", views.partner_list, name="list"),
    path("new/", views.partner_edit, name="new"),
    path("network/", network_views.network_page, name="network"),
    path("key-figures/", views.key_figure_list, name="key_figures"),
    path("key-figures/new/", views.key_figure_edit, name="key_figure_new"),
    path("key-figures/<int:key_figure_id>/", views.key_figure_edit, name="key_figure"),
    path("key-figures/<int:key_figure_id>/erase/", views.key_figure_erase, name="key_figure_erase"),
    path("professionals/", views.professional_list, name="professionals"),
    path("professionals/new/", views.professional_edit, name="professional_new"),
    path("professionals/<int:professional_id>/", views.professional_edit, name="professional"),
    path("professionals/<int:professional_id>/erase/", views.professional_erase, name="professional_erase"),
    path("<int:partner_id>/", views.partner_edit, name="edit"),
]
