"""A partner's answer to the network poll: /p/<org_code>/network/<token>/."""

from django.urls import path

from buurtpeil.partners import network_views

app_name = "partners_network"
urlpatterns = [path("<str:token>/", network_views.network_answer, name="answer")]
