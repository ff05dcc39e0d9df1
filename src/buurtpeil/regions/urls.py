"""Staff pages of sharing between organisations: /staff/<org_code>/sharing/ (what this
municipality shares), /staff/<org_code>/region/ (a region's members side by side) and
/staff/<org_code>/comparison/ (similar municipalities)."""

from django.urls import path

from buurtpeil.regions import views

app_name = "regions"
urlpatterns = [
    path("sharing/", views.sharing, name="sharing"),
    path("sharing/comparison/", views.comparison_save, name="comparison_save"),
    path("sharing/regions/<int:membership_id>/consent/", views.consent_give, name="consent_give"),
    path("sharing/regions/<int:membership_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("region/", views.region, name="region"),
    path("region/members/", views.member_add, name="member_add"),
    path("comparison/", views.comparison, name="comparison"),
]
