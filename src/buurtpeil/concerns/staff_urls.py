"""Staff pages of residents' signals: /staff/<org_code>/signals/."""

from django.urls import path

from buurtpeil.concerns import staff_views

app_name = "concerns_staff"
urlpatterns = [
    path("", staff_views.overview, name="overview"),
    path("status/", staff_views.status, name="status"),
    path("<int:concern_id>/", staff_views.detail, name="detail"),
    path("<int:concern_id>/photo", staff_views.photo, name="photo"),
]
