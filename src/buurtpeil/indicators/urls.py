from django.urls import path

from buurtpeil.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.figure_list, name="list"),
    path("import/", views.figure_upload, name="upload"),
]
