from django.urls import path

from buurtpeil.areas import views

app_name = "areas"

urlpatterns = [
    path("", views.area_list, name="list"),
    path("import/", views.area_upload, name="upload"),
]
