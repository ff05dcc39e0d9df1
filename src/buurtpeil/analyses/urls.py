"""Pages of the neighbourhood analysis: /staff/<org_code>/analyses/."""

from django.urls import path

from buurtpeil.analyses import views

app_name = "analyses"
ANALYSIS = "<int:analysis_id>/"
urlpatterns = [
    path("", views.analysis_list, name="list"),
    path("partners/", views.partner_list, name="partners"),
    path(ANALYSIS, views.analysis_page, name="analysis"),
    path(ANALYSIS + "edit/", views.analysis_edit, name="edit"),
    path(ANALYSIS + "status/", views.analysis_status, name="status"),
    path(ANALYSIS + "adopt/", views.analysis_adopt, name="adopt"),
    path(ANALYSIS + "versions/", views.analysis_history, name="history"),
]
