"""Staff pages of neighbourhood-watch groups: /staff/<org_code>/watch/."""

from django.urls import path

from buurtpeil.watch import views

app_name = "watch"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("groups/", views.group_list, name="list"),
    path("groups/new/", views.group_edit, name="new"),
    path("groups/check-in/", views.checkins_send, name="checkins_send"),
    path("groups/<int:watch_group_id>/", views.group_detail, name="detail"),
    path("groups/<int:watch_group_id>/edit/", views.group_edit, name="edit"),
    path("groups/<int:watch_group_id>/contact/", views.group_contact, name="contact"),
]
