from django.urls import path

from buurtpeil.panel import staff_views

app_name = "panel_staff"

urlpatterns = [
    path("", staff_views.overview, name="overview"),
    path("recruitment/", staff_views.recruitment, name="recruitment"),
    path("recruitment/upload/", staff_views.recruitment_upload, name="recruitment_upload"),
    path("recruitment/<int:batch_id>/letters/", staff_views.letters, name="letters"),
    path("recruitment/<int:batch_id>/codes.csv", staff_views.codes_csv, name="codes_csv"),
]
