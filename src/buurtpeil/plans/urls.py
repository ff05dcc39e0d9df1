"""Staff pages of the safety plan: /staff/<org_code>/plans/."""

from django.urls import path

from buurtpeil.plans import views

app_name = "plans"
PLAN = "<int:plan_id>/"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("adopt/", views.adopt, name="adopt"),
    path(PLAN, views.plan_page, name="plan"),
    path(PLAN + "goals/new/", views.goal_new, name="goal_new"),
    path(PLAN + "goals/<int:goal_id>/", views.goal_page, name="goal"),
    path(PLAN + "goals/<int:goal_id>/actions/new/", views.action_edit, name="action_new"),
    path(PLAN + "actions/<int:action_id>/", views.action_edit, name="action"),
    path(PLAN + "actions/<int:action_id>/status/", views.action_status, name="action_status"),
    path(PLAN + "board/", views.board, name="board"),
    path(PLAN + "timeline/", views.timeline, name="timeline"),
]
