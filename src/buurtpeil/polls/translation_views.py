"""Staff pages of a poll's languages: every text side by side, adding, editing and removing a
language. The poll's texts are data in its definition, not the interface's translations."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtpeil.organisations.access import staff_view
from buurtpeil.polls import services
from buurtpeil.polls.display import translation_rows
from buurtpeil.polls.forms import LanguageForm, TranslationsForm
from buurtpeil.polls.services import PollEditError
from buurtpeil.polls.views import ANALYST, VIEWER, _attempt, _context, _poll_or_404


@staff_view(VIEWER)
@require_GET
def translations(request, org_code, poll_id):
    poll = _poll_or_404(request, poll_id)
    languages = poll.definition["languages"]
    rows, missing = translation_rows(poll.definition)
    return render(
        request,
        "polls/translations.html",
        _context(
            request,
            poll=poll,
            languages=languages,
            rows=rows,
            missing=[(lang, missing[lang]) for lang in languages],
            editable=poll.status in services.EDITABLE,
            language_form=LanguageForm(),
        ),
    )


@staff_view(ANALYST)
@require_POST
def language_add(request, org_code, poll_id):
    poll = _poll_or_404(request, poll_id)
    form = LanguageForm(request.POST)
    if form.is_valid():
        language = form.cleaned_data["language"]
        _attempt(
            request,
            lambda: services.poll_language_add(poll=poll, language=language, actor=request.user),
            done=_("The language was added; fill in its texts below."),
        )
    else:
        messages.error(request, _("Enter a language code."))
    return redirect("polls:translations", org_code=org_code, poll_id=poll.pk)


@staff_view(ANALYST)
@require_http_methods(["GET", "POST"])
def translations_edit(request, org_code, poll_id, language):
    poll = _poll_or_404(request, poll_id)
    if language not in poll.definition["languages"][1:]:
        raise Http404
    form = TranslationsForm(request.POST or None, definition=poll.definition, language=language)
    if request.method == "POST" and form.is_valid():
        try:
            services.poll_translations_save(
                poll=poll, language=language, texts=form.texts(), actor=request.user
            )
        except PollEditError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, _("The translations were saved."))
            return redirect("polls:translations", org_code=org_code, poll_id=poll.pk)
    return render(
        request, "polls/translations_edit.html", _context(request, poll=poll, language=language, form=form)
    )


@staff_view(ANALYST)
@require_POST
def language_remove(request, org_code, poll_id, language):
    poll = _poll_or_404(request, poll_id)
    _attempt(
        request,
        lambda: services.poll_language_remove(poll=poll, language=language, actor=request.user),
        done=_("The language was removed."),
    )
    return redirect("polls:translations", org_code=org_code, poll_id=poll.pk)
