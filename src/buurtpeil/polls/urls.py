"""Staff pages of polls: /staff/<org_code>/polls/."""

from django.urls import path

from buurtpeil.polls import translation_views, views, xlsform_views

app_name = "polls"

POLL = "<int:poll_id>/"
urlpatterns = [
    path("", views.poll_list, name="list"),
    path("new/", views.poll_new, name="new"),
    path("library/", views.library_page, name="library"),
    path("import/", xlsform_views.xlsform_import, name="xlsform_import"),
    path(POLL, views.poll_detail, name="detail"),
    path(POLL + "settings/", views.poll_settings, name="settings"),
    path(POLL + "xlsform/", xlsform_views.xlsform_export, name="xlsform_export"),
    path(POLL + "library/", views.library_page, name="poll_library"),
    path(POLL + "modules/", views.module_add, name="module_add"),
    path(POLL + "groups/new/", views.group_form, name="group_add"),
    path(POLL + "groups/<str:group_id>/", views.group_form, name="group_edit"),
    path(POLL + "groups/<str:group_id>/delete/", views.group_delete, name="group_delete"),
    path(POLL + "groups/<str:group_id>/move/", views.group_move, name="group_move"),
    path(POLL + "groups/<str:group_id>/questions/new/", views.question_form, name="question_add"),
    path(POLL + "questions/<str:question_code>/", views.question_form, name="question_edit"),
    path(POLL + "questions/<str:question_code>/delete/", views.question_delete, name="question_delete"),
    path(POLL + "questions/<str:question_code>/move/", views.question_move, name="question_move"),
    path(POLL + "translations/", translation_views.translations, name="translations"),
    path(POLL + "translations/add/", translation_views.language_add, name="language_add"),
    path(
        POLL + "translations/<str:language>/", translation_views.translations_edit, name="translations_edit"
    ),
    path(
        POLL + "translations/<str:language>/remove/",
        translation_views.language_remove,
        name="language_remove",
    ),
    path(POLL + "publish/", views.poll_publish, name="publish"),
    path(POLL + "close/", views.poll_close, name="close"),
]
