from django.contrib import admin
from django.urls import include, path

from buurtpeil.organisations import views as organisation_views

urlpatterns = [
    path("", organisation_views.landing, name="landing"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("logo/<str:org_code>", organisation_views.logo, name="logo"),
    # Platform operators only (superusers); municipal staff work in /staff/. Everyone logs in
    # through the staff login, with its lock-out and second step.
    path("beheer/login/", organisation_views.admin_login),
    path("beheer/", admin.site.urls),
    path("staff/", include("buurtpeil.organisations.urls")),
    path("staff/<str:org_code>/", include("buurtpeil.panel.staff_urls")),
    path("staff/<str:org_code>/areas/", include("buurtpeil.areas.urls")),
    path("staff/<str:org_code>/figures/", include("buurtpeil.indicators.urls")),
    path("staff/<str:org_code>/polls/", include("buurtpeil.polls.urls")),
    path("staff/<str:org_code>/polls/<int:poll_id>/open-answers/", include("buurtpeil.openanswers.urls")),
    path("staff/<str:org_code>/sending/", include("buurtpeil.distribution.staff_urls")),
    path("staff/<str:org_code>/api-tokens/", include("buurtpeil.api.staff_urls")),
    path("staff/<str:org_code>/results/", include("buurtpeil.insights.urls")),
    path("staff/<str:org_code>/plans/", include("buurtpeil.plans.urls")),
    path("staff/<str:org_code>/analyses/", include("buurtpeil.analyses.urls")),
    path("staff/<str:org_code>/meetings/", include("buurtpeil.meetings.staff_urls")),
    path("p/<str:org_code>/meetings/", include("buurtpeil.meetings.urls")),
    path("staff/<str:org_code>/partners/", include("buurtpeil.partners.urls")),
    path("p/<str:org_code>/network/", include("buurtpeil.partners.network_urls")),
    path("staff/<str:org_code>/watch/", include("buurtpeil.watch.urls")),
    path("staff/<str:org_code>/signals/", include("buurtpeil.concerns.staff_urls")),
    path("open/<str:org_code>/", include("buurtpeil.insights.open_urls")),
    path("staff/<str:org_code>/", include("buurtpeil.reports.urls")),
    path("staff/<str:org_code>/reports/", include("buurtpeil.reports.council.urls")),
    path("staff/<str:org_code>/", include("buurtpeil.feedback.staff_urls")),
    path("staff/<str:org_code>/", include("buurtpeil.regions.urls")),
    path("staff/<str:org_code>/practices/", include("buurtpeil.practices.urls")),
    path("open/<str:org_code>/feedback/", include("buurtpeil.feedback.open_urls")),
    path("p/<str:org_code>/", include("buurtpeil.panel.urls")),
    path("p/<str:org_code>/", include("buurtpeil.distribution.urls")),
    path("p/<str:org_code>/watch/", include("buurtpeil.watch.checkin_urls")),
    path("p/<str:org_code>/a/", include("buurtpeil.responses.urls")),
    path("p/<str:org_code>/me/polls/", include("buurtpeil.feedback.resident_urls")),
    path("p/<str:org_code>/signals/", include("buurtpeil.concerns.urls")),
    path("api/v1/", include("buurtpeil.api.urls")),
]

handler500 = "buurtpeil.core.errors.server_error"
