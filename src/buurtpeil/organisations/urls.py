from django.contrib.auth import views as auth_views
from django.urls import path

from buurtpeil.organisations import views
from buurtpeil.organisations.forms import StaffLoginForm

app_name = "staff"

urlpatterns = [
    path("", views.staff_home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="organisations/login.html", authentication_form=StaffLoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("<str:org_code>/audit/", views.audit_log, name="audit_log"),
    path("<str:org_code>/settings/", views.organisation_settings, name="settings"),
]
