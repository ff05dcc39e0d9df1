"""Staff pages of meetings: /staff/<org_code>/meetings/."""

from django.urls import path

from buurtpeil.meetings import staff_views as views

app_name = "meetings_staff"
MEETING = "<int:meeting_id>/"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_edit, name="new"),
    path(MEETING, views.meeting_detail, name="detail"),
    path(MEETING + "edit/", views.meeting_edit, name="edit"),
    path(MEETING + "invite/", views.meeting_invite, name="invite"),
    path(MEETING + "report/", views.meeting_report, name="report"),
    path(MEETING + "follow-up/", views.meeting_followup, name="followup"),
    path(MEETING + "cancel/", views.meeting_cancel, name="cancel"),
    path(MEETING + "agreements/", views.agreement_add, name="agreement_add"),
    path(MEETING + "agreements/<int:agreement_id>/action/", views.agreement_action, name="agreement_action"),
]
