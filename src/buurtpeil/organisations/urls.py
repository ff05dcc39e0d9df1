from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from buurtpeil.organisations import auth_views as login_views
from buurtpeil.organisations import oidc_views, views
from buurtpeil.organisations.forms import FirstPasswordForm

app_name = "staff"

urlpatterns = [
    path("", views.staff_home, name="home"),
    path("login/", login_views.StaffLoginView.as_view(), name="login"),
    path("login/code/", login_views.login_code, name="login_code"),
    path("login/organisation/", oidc_views.oidc_start, name="oidc_start"),
    path("login/organisation/callback/", oidc_views.oidc_callback, name="oidc_callback"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The link in an invitation (a partner's first password), Django's password-reset tokens.
    path(
        "password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="organisations/password_set.html",
            form_class=FirstPasswordForm,
            success_url=reverse_lazy("staff:password_set_done"),
        ),
        name="password_set",
    ),
    path(
        "password/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="organisations/password_set_done.html"),
        name="password_set_done",
    ),
    path("security/", login_views.security, name="security"),
    path("security/setup/", login_views.two_factor_setup, name="two_factor_setup"),
    path("<str:org_code>/audit/", views.audit_log, name="audit_log"),
    path("<str:org_code>/settings/", views.organisation_settings, name="settings"),
]
