"""Staff pages of polls under /staff/<org_code>/polls/: list, new poll, the poll with its groups
and questions, the module library, the question editor, translations, publish and close.

Viewers may look; analysts and administrators edit. Every poll is looked up within
``request.organisation`` (another organisation's poll is a 404). Writes go through
``services``; a refused edit is shown with its reasons and changes nothing.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.organisations.selectors import role_at_least
from buurtpeil.polls import editing, library, selectors, services
from buurtpeil.polls.definition import DefinitionError, definition_empty, questions, text
from buurtpeil.polls.display import condition_summary, poll_outline
from buurtpeil.polls.forms import (
    GroupForm,
    PollNewForm,
    PollSettingsForm,
    QuestionForm,
)
from buurtpeil.polls.indicators import factor_label
from buurtpeil.polls.services import PollEditError

ANALYST = Membership.Role.ANALYST
VIEWER = Membership.Role.VIEWER


def _poll_or_404(request, poll_id):
    poll = selectors.poll_for(request.organisation, poll_id)
    if poll is None:
        raise Http404
    return poll


def _context(request, **extra):
    return {
        "organisation": request.organisation,
        "can_edit": role_at_least(request.membership, ANALYST),
        **extra,
    }


def _to_poll(poll, anchor: str = ""):
    response = redirect("polls:detail", org_code=poll.organisation.code, poll_id=poll.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _refused(request, error: DefinitionError) -> None:
    for problem in error.problems:
        messages.error(request, services.problem_text(problem))


def _attempt(request, edit, *, done: str = "") -> None:
    """Run one edit of a poll; say why when it is refused, or ``done`` when it worked."""
    try:
        edit()
    except PollEditError as error:
        _refused(request, error)
    else:
        if done:
            messages.success(request, done)


@staff_view(VIEWER)
@require_GET
def poll_list(request, org_code):
    return render(
        request, "polls/list.html", _context(request, polls=selectors.polls_with_latest(request.organisation))
    )


@staff_view(ANALYST)
@require_http_methods(["GET", "POST"])
def poll_new(request, org_code):
    form = PollNewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        title = form.cleaned_data["title"]
        poll = services.poll_create(
            organisation=request.organisation,
            title=title,
            definition=definition_empty(languages=form.languages(), title={"nl": title}),
            actor=request.user,
            audience=form.cleaned_data["audience"],
        )
        messages.success(request, _("The poll was created. Add a module from the library or a question."))
        return _to_poll(poll)
    return render(request, "polls/new.html", _context(request, form=form))


@staff_view(VIEWER)
@require_GET
def poll_detail(request, org_code, poll_id):
    poll = _poll_or_404(request, poll_id)
    latest = selectors.version_latest(poll)
    return render(
        request,
        "polls/detail.html",
        _context(
            request,
            poll=poll,
            latest=latest,
            changed=latest is not None and latest.definition != poll.definition,
            editable=poll.status in services.EDITABLE,
            outline=poll_outline(poll.definition, get_language()),
        ),
    )


@staff_view(ANALYST)
@require_http_methods(["GET", "POST"])
def poll_settings(request, org_code, poll_id):
    poll = _poll_or_404(request, poll_id)
    source = poll.definition["languages"][0]
    form = PollSettingsForm(
        request.POST or None,
        initial={
            "title": poll.title,
            "intro": poll.definition.get("intro", {}).get(source, ""),
            "show_results": poll.show_results,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.poll_settings_update(poll=poll, actor=request.user, **form.cleaned_data)
        except PollEditError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            return _to_poll(poll)
    return render(request, "polls/settings.html", _context(request, poll=poll, form=form))


@staff_view(VIEWER)
@require_GET
def library_page(request, org_code, poll_id=None):
    poll = _poll_or_404(request, poll_id) if poll_id else None
    language = get_language()
    modules = [
        {
            "code": entry["code"],
            "title": text(entry["title"], language, ["nl"]),
            "description": text(entry["description"], language, ["nl"]),
            "factors": [(factor, factor_label(factor)) for factor in entry["factors"]],
            "questions": [
                {
                    "code": question["code"],
                    "text": text(question["text"], language, ["nl"]),
                    "factor": question.get("factor"),
                    "condition": condition_summary(question.get("condition")),
                }
                for question in questions(entry)
            ],
        }
        for entry in library.modules()
    ]
    return render(request, "polls/library.html", _context(request, poll=poll, modules=modules))


@staff_view(ANALYST)
@require_POST
def module_add(request, org_code, poll_id):
    poll = _poll_or_404(request, poll_id)
    code = request.POST.get("module", "")
    try:
        renames = services.poll_module_add(poll=poll, module_code=code, actor=request.user)
    except PollEditError as error:
        _refused(request, error)
        return _to_poll(poll)
    messages.success(request, _("The module was added to the poll."))
    if renames:
        pairs = ", ".join(f"{old} → {new}" for old, new in renames.items())
        messages.info(request, _("Codes already in use were renamed: %(pairs)s.") % {"pairs": pairs})
    return _to_poll(poll, anchor=f"group-{poll.definition['groups'][-1]['id']}")


@staff_view(ANALYST)
@require_http_methods(["GET", "POST"])
def group_form(request, org_code, poll_id, group_id=None):
    poll = _poll_or_404(request, poll_id)
    definition = poll.definition
    group = None
    if group_id is not None:
        try:
            group = definition["groups"][editing.group_index(definition, group_id)]
        except KeyError:
            raise Http404 from None
    initial = {f"title_{lang}": text for lang, text in (group or {}).get("title", {}).items()}
    form = GroupForm(request.POST or None, initial=initial, languages=definition["languages"])
    if request.method == "POST" and form.is_valid():
        try:
            if group is None:
                group_id = services.poll_group_add(poll=poll, title=form.title(), actor=request.user)
            else:
                services.poll_group_update(
                    poll=poll, group_id=group_id, title=form.title(), actor=request.user
                )
        except PollEditError as error:
            for problem in error.problems:
                form.add_error(None, problem)
        else:
            return _to_poll(poll, anchor=f"group-{group_id}")
    return render(request, "polls/group_form.html", _context(request, poll=poll, group=group, form=form))


@staff_view(ANALYST)
@require_POST
def group_delete(request, org_code, poll_id, group_id):
    poll = _poll_or_404(request, poll_id)
    _attempt(
        request,
        lambda: services.poll_group_delete(poll=poll, group_id=group_id, actor=request.user),
        done=_("The group was deleted."),
    )
    return _to_poll(poll)


@staff_view(ANALYST)
@require_POST
def group_move(request, org_code, poll_id, group_id):
    poll = _poll_or_404(request, poll_id)
    direction = request.POST.get("direction", "")
    _attempt(
        request,
        lambda: services.poll_group_move(
            poll=poll, group_id=group_id, direction=direction, actor=request.user
        ),
    )
    return _to_poll(poll, anchor=f"group-{group_id}")


def _earlier(definition, stop_code=None, stop_group=None) -> list[tuple[str, str]]:
    """The questions before ``stop_code`` (or up to the end of ``stop_group``) for conditions."""
    source = definition["languages"][0]
    found = []
    for group in definition["groups"]:
        for question in group["questions"]:
            if question["code"] == stop_code:
                return found
            found.append((question["code"], f"{question['code']}: {question['text'].get(source, '')[:60]}"))
        if group["id"] == stop_group:
            return found
    return found


@staff_view(ANALYST)
@require_http_methods(["GET", "POST"])
def question_form(request, org_code, poll_id, group_id=None, question_code=None):
    """Add a question to a group, or edit one (``question_code``)."""
    poll = _poll_or_404(request, poll_id)
    definition = poll.definition
    try:
        if question_code is not None:
            question = editing.question_get(definition, question_code)
        else:
            editing.group_index(definition, group_id)
            question = {"type": "single", "required": False}
    except KeyError:
        raise Http404 from None
    form = QuestionForm(
        request.POST or None,
        languages=definition["languages"],
        earlier=_earlier(definition, stop_code=question_code, stop_group=group_id),
        question=question,
    )
    if request.method == "POST" and form.is_valid():
        new = form.question()
        if not form.errors:
            try:
                if question_code is None:
                    services.poll_question_add(poll=poll, group_id=group_id, question=new, actor=request.user)
                else:
                    services.poll_question_update(
                        poll=poll, code=question_code, question=new, actor=request.user
                    )
            except PollEditError as error:
                for problem in error.problems:
                    form.add_error(None, problem)
            else:
                messages.success(request, _("The question was saved."))
                return _to_poll(poll, anchor=f"question-{new['code']}")
    return render(
        request,
        "polls/question_form.html",
        _context(
            request,
            poll=poll,
            form=form,
            question_code=question_code,
            combined=condition_summary(question.get("condition")) if "condition_keep" in form.fields else "",
        ),
        status=400 if request.method == "POST" else 200,
    )


@staff_view(ANALYST)
@require_POST
def question_delete(request, org_code, poll_id, question_code):
    poll = _poll_or_404(request, poll_id)
    _attempt(
        request,
        lambda: services.poll_question_delete(poll=poll, code=question_code, actor=request.user),
        done=_("The question was deleted."),
    )
    return _to_poll(poll)


@staff_view(ANALYST)
@require_POST
def question_move(request, org_code, poll_id, question_code):
    poll = _poll_or_404(request, poll_id)
    direction = request.POST.get("direction", "")
    _attempt(
        request,
        lambda: services.poll_question_move(
            poll=poll, code=question_code, direction=direction, actor=request.user
        ),
    )
    return _to_poll(poll, anchor=f"question-{question_code}")


@staff_view(ANALYST)
@require_POST
def poll_publish(request, org_code, poll_id):
    poll = _poll_or_404(request, poll_id)
    if poll.status not in services.EDITABLE:
        messages.error(request, _("A closed poll can no longer be changed."))
        return _to_poll(poll)
    if not any(True for _question in questions(poll.definition)):
        messages.error(request, _("Add at least one question before publishing."))
        return _to_poll(poll)
    try:
        version = services.poll_publish(poll=poll, actor=request.user)
    except DefinitionError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Published as version %(number)d.") % {"number": version.number})
    return _to_poll(poll)


@staff_view(ANALYST)
@require_POST
def poll_close(request, org_code, poll_id):
    poll = _poll_or_404(request, poll_id)
    try:
        services.poll_close(poll=poll, actor=request.user)
    except PollEditError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The poll is closed."))
    return _to_poll(poll)
