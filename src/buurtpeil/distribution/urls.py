"""Resident endpoints of sending (unsubscribe, push subscription): /p/<org_code>/."""

from django.urls import path

from buurtpeil.distribution import views

app_name = "distribution"
urlpatterns = [
    path("unsubscribe/<str:token>", views.unsubscribe, name="unsubscribe"),
    path("push/subscribe", views.push_subscribe, name="push_subscribe"),
]
