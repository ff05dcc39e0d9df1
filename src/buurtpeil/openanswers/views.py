"""Staff pages of open answers under /staff/<org_code>/polls/<poll_id>/open-answers/: counts
per theme and factor, the answers (masked) with filters and search, corrections and sorting
again. Viewers read; analysts and administrators correct and sort."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from buurtpeil.openanswers import selectors, services
from buurtpeil.openanswers.forms import CorrectionForm, FilterForm
from buurtpeil.openanswers.themes import theme_label
from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.organisations.selectors import role_at_least
from buurtpeil.polls.indicators import factor_label
from buurtpeil.polls.selectors import poll_for

ANALYST = Membership.Role.ANALYST
VIEWER = Membership.Role.VIEWER
PER_PAGE = 25


def _poll_or_404(request, poll_id):
    poll = poll_for(request.organisation, poll_id)
    if poll is None:
        raise Http404
    return poll


def _list_url(organisation, poll) -> str:
    return reverse("openanswers:list", kwargs={"org_code": organisation.code, "poll_id": poll.pk})


def _correction_form(answer, form=None) -> CorrectionForm:
    initial = {"theme": answer.theme, "factor": answer.factor}
    return form or CorrectionForm(answer_id=answer.pk, initial=initial)


def _row(answer, questions: dict[str, str], language: str, can_correct: bool, form=None, saved=False):
    """One answer as the list shows it, with its correction form for analysts."""
    return {
        "answer": answer,
        "question": questions.get(answer.question_code, answer.question_code),
        "theme": theme_label(answer.theme),
        "factor": factor_label(answer.factor, language),
        "confidence_percent": round(100 * answer.confidence) if answer.confidence is not None else None,
        "form": _correction_form(answer, form) if can_correct else None,
        "saved": saved,
    }


@staff_view(VIEWER)
@require_GET
def open_answer_list(request, org_code, poll_id):
    organisation = request.organisation
    poll = _poll_or_404(request, poll_id)
    questions = selectors.text_questions(poll.definition)
    form = FilterForm(request.GET, questions=questions)
    filters = form.filters()
    page = Paginator(selectors.answers(poll.pk, filters), PER_PAGE).get_page(request.GET.get("page"))
    can_correct = role_at_least(request.membership, ANALYST)
    names = dict(questions)
    language = request.LANGUAGE_CODE[:2]
    return render(
        request,
        "openanswers/list.html",
        {
            "organisation": organisation,
            "poll": poll,
            "form": form,
            "filtered": filters != selectors.Filters(),
            "page": page,
            "rows": [_row(answer, names, language, can_correct) for answer in page],
            "themes": selectors.theme_counts(poll.pk),
            "factors": selectors.factor_counts(poll.pk),
            "unsorted": selectors.unsorted_count(poll.pk),
            "can_correct": can_correct,
            "here": request.get_full_path(),
        },
    )


def _back(request, organisation, poll):
    """Back to the list as the staff member left it (filters and page), without JavaScript."""
    target = request.POST.get("next", "")
    list_url = _list_url(organisation, poll)
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return redirect(target if safe and target.startswith(list_url) else list_url)


@staff_view(ANALYST)
@require_POST
def open_answer_correct(request, org_code, poll_id, answer_id):
    organisation = request.organisation
    poll = _poll_or_404(request, poll_id)
    answer = selectors.answer_for(organisation, poll.pk, answer_id)
    if answer is None:
        raise Http404
    form = CorrectionForm(request.POST, answer_id=answer.pk)
    error = ""
    if form.is_valid():
        try:
            answer = services.open_answer_correct(
                answer=answer,
                theme=form.cleaned_data["theme"],
                factor=form.cleaned_data["factor"],
                actor=request.user,
            )
        except services.CorrectionRefused as refused:
            error = str(refused)
    else:
        error = _("Choose a theme and a factor from the lists.")
    if request.htmx:
        names = dict(selectors.text_questions(poll.definition))
        row = _row(answer, names, request.LANGUAGE_CODE[:2], True, form if error else None, saved=not error)
        context = {"organisation": organisation, "poll": poll, "row": row, "error": error}
        return render(request, "openanswers/_answer.html", {**context, "here": request.POST.get("next", "")})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The answer's theme and factor are saved."))
    return _back(request, organisation, poll)


@staff_view(ANALYST)
@require_POST
def open_answers_sort(request, org_code, poll_id):
    organisation = request.organisation
    poll = _poll_or_404(request, poll_id)
    services.open_answers_sort_request(poll=poll, actor=request.user)
    messages.success(
        request,
        _(
            "Sorting has started. New answers and answers sorted automatically are sorted again; "
            "corrections by staff stay as they are. Reload the page if the counts have not changed yet."
        ),
    )
    return redirect(_list_url(organisation, poll))
