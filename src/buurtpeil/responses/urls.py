"""The answering pages: /p/<org_code>/a/<token>, its JSON save endpoint and the service worker."""

from django.urls import path

from buurtpeil.responses import views

app_name = "responses"
urlpatterns = [
    path("sw.js", views.service_worker, name="service_worker"),
    path("<str:token>", views.answer, name="answer"),
    path("<str:token>/save", views.save, name="save"),
]
