"""Staff pages of sending: /staff/<org_code>/sending/."""

from django.urls import path

from buurtpeil.distribution import staff_views

app_name = "distribution_staff"
urlpatterns = [
    path("", staff_views.distribution_list, name="list"),
    path("new/", staff_views.distribution_new, name="new"),
    path("<int:distribution_id>/", staff_views.distribution_detail, name="detail"),
    path("<int:distribution_id>/progress/", staff_views.distribution_progress, name="progress"),
]
