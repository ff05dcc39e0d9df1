"""The good-practice library: /staff/<org_code>/practices/."""

from django.urls import path

from buurtpeil.practices import views

app_name = "practices"
urlpatterns = [
    path("", views.library, name="library"),
    path("publish/", views.actions, name="actions"),
    path("publish/<int:action_id>/", views.prepare, name="prepare"),
    path("<int:practice_id>/", views.practice_page, name="practice"),
    path("<int:practice_id>/publish/", views.publish, name="publish"),
    path("<int:practice_id>/unpublish/", views.unpublish, name="unpublish"),
    path("<int:practice_id>/copy/", views.copy, name="copy"),
]
