"""Staff pages of open answers: /staff/<org_code>/polls/<poll_id>/open-answers/."""

from django.urls import path

from buurtpeil.openanswers import views

app_name = "openanswers"
urlpatterns = [
    path("", views.open_answer_list, name="list"),
    path("sort/", views.open_answers_sort, name="sort"),
    path("<int:answer_id>/", views.open_answer_correct, name="correct"),
]
