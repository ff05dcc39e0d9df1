from django.urls import path

from buurtpeil.panel import views

app_name = "panel"

urlpatterns = [
    path("", views.home, name="home"),
    path("sent/", views.sent, name="sent"),
    path("login/<str:token>/", views.login, name="login"),
    path("code/", views.code, name="code"),
    path("code/email/", views.code_email, name="code_email"),
    path("profile/", views.profile, name="profile"),
    path("locate/", views.locate, name="locate"),
    path("me/", views.me, name="me"),
    path("me/email/", views.email_change, name="email_change"),
    path("leave/", views.leave, name="leave"),
    path("erase/", views.erase, name="erase"),
    path("logout/", views.logout, name="logout"),
    path("privacy/", views.privacy, name="privacy"),
]
