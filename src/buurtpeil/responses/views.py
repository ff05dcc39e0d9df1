"""The answering pages under /p/<org_code>/a/: the poll, its JSON save endpoint, the service
worker, and the thank-you page (the poll's own link once it is answered).

The personal token in the URL is the credential; no login. A token of another organisation,
or no token at all, gets the same 404 page, so nothing is revealed. The whole poll version is
one HTML document with a screen per group: the page script shows one at a time and saves
through the JSON endpoint; without script, ``?step=N`` shows group N and the form posts it.
"""

import json
import uuid

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtpeil.distribution.selectors import recipient_by_token
from buurtpeil.organisations.access import use_organisation_language
from buurtpeil.panel.access import panel_view
from buurtpeil.polls.definition import questions
from buurtpeil.polls.selectors import version_latest
from buurtpeil.responses import answering, selectors, services

BODY_MAX = 256 * 1024
REFUSED_STATUS = {
    services.ENDED: 410,
    services.CLOSED: 410,
    services.ANSWERED: 409,
    services.NOT_PUBLISHED: 409,
    services.BAD_KEY: 400,
}


def _not_found(request):
    return render(request, "responses/not_found.html", {"organisation": request.organisation}, status=404)


def _step(request, count: int) -> int:
    try:
        return min(max(int(request.GET.get("step", "")), 1), max(count, 1))
    except ValueError:
        return 0


def _first_open(pages: list[dict], answers: dict) -> int:
    """Where a returning resident goes on: the first shown group with nothing answered yet."""
    shown = [page for page in pages if page["visible"]]
    for page in shown:
        if not any(q["code"] in answers for q in page["questions"] if q["visible"]):
            return page["number"]
    return shown[-1]["number"] if shown else 1


def _missing_required(page: dict, answers: dict) -> dict[str, str]:
    """Required questions of one group left open, given the answers just stored (``page`` is
    that group's screen made from them)."""
    return {
        q["code"]: "required"
        for q in page["questions"]
        if q["visible"] and q["required"] and q["code"] not in answers
    }


@never_cache
@panel_view
@require_http_methods(["GET", "POST"])
def answer(request, org_code, token):
    organisation = request.organisation
    recipient = recipient_by_token(organisation=organisation, token=token)
    if recipient is None:
        return _not_found(request)
    response = selectors.response_for_recipient(recipient)
    poll = recipient.distribution.poll
    version = response.version if response else version_latest(poll)
    definition = version.definition if version else None
    context = {"organisation": organisation, "poll": poll, "token": token}
    if response is not None and response.status == response.Status.COMPLETE:
        language = answering.content_language(request, definition["languages"], response.language)
        context |= {
            "language": language,
            "title": answering.text(definition.get("title"), language, definition["languages"]),
            "results": selectors.results(
                poll_id=poll.pk,
                definition=definition,
                language=language,
                minimum=organisation.privacy_minimum,
            )
            if poll.show_results
            else None,
        }
        return render(request, "responses/thanks.html", context)
    refused = services.refusal(recipient) or ("" if version else services.NOT_PUBLISHED)
    if refused:
        context["message"] = services.REFUSALS[refused]
        return render(request, "responses/closed.html", context, status=410)

    language = answering.content_language(
        request, definition["languages"], response.language if response else ""
    )
    answers = dict(response.answers) if response else {}
    map_ = (
        answering.map_data(organisation) if any(q["type"] == "point" for q in questions(definition)) else None
    )
    errors: dict[str, str] = {}
    pages = answering.screens(definition, answers, language, errors, map_)
    step = _step(request, len(pages)) or _first_open(pages, answers)

    if request.method == "POST":
        go = request.POST.get("go", "next")
        posted = answering.posted_answers(
            definition["groups"][step - 1], request.POST, map_.points if map_ else {}
        )
        result = services.response_save(
            recipient=recipient,
            answers=posted,
            idempotency_key=request.POST.get("key", "") or uuid.uuid4().hex,
            complete=go == "send",
            language=language,
        )
        if result.refused and result.refused != services.BAD_KEY:
            return redirect(request.path)
        stored = dict(result.answers) if result.response_id else answers
        errors = dict(result.errors)
        fresh = answering.screens(definition, stored, language, {}, map_)
        if not errors and go != "back":
            errors = _missing_required(fresh[step - 1], stored)
        if not errors or go == "back":
            if result.complete:
                return redirect(request.path)
            numbers = [p["number"] for p in fresh if p["visible"]]
            if go == "back":
                target = max([n for n in numbers if n < step], default=step)
            else:
                target = min([n for n in numbers if n > step], default=step)
            return redirect(f"{request.path}?step={target}&lang={language}")
        # Show the answers as typed (not only what was stored) with the errors.
        shown = {**stored, **{k: v for k, v in posted.items() if v is not None}}
        pages = answering.screens(definition, shown, language, errors, map_)
        with_error = [p["number"] for p in pages if any(q["error"] for q in p["questions"])]
        step = step if step in with_error else (with_error[0] if with_error else step)

    shown_pages = [p for p in pages if p["visible"]]
    position = next((i for i, p in enumerate(shown_pages, start=1) if p["number"] == step), 1)
    context |= {
        "language": language,
        "rtl": language in answering.RTL,
        "content_languages": answering.language_links(definition["languages"], language),
        "title": answering.text(definition.get("title"), language, definition["languages"]),
        "intro": answering.text(definition.get("intro"), language, definition["languages"]),
        "pages": pages,
        "step": step,
        "position": position,
        "total": len(shown_pages),
        "last_step": shown_pages[-1]["number"] if shown_pages else step,
        "first_step": shown_pages[0]["number"] if shown_pages else step,
        "errors": [(q["anchor"], q["text"], q["error"]) for p in pages for q in p["questions"] if q["error"]],
        "key": uuid.uuid4().hex,
        "save_url": reverse("responses:save", kwargs={"org_code": organisation.code, "token": token}),
        "worker_url": reverse("responses:service_worker", kwargs={"org_code": organisation.code}),
        "map": map_,
        "error_texts": {
            name: answering.error_text(reason)
            for name, reason in (
                ("required", "required"),
                ("number", "not a number"),
                ("low", "below the minimum"),
                ("high", "above the maximum"),
            )
        },
    }
    status = 422 if errors else 200
    return render(request, "responses/answer.html", context, status=status)


def _origin_ok(request) -> bool:
    """Browsers send ``Origin`` with every POST from script; it must be this site. A client
    that is not a browser sends none and cannot be abused for cross-site requests."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return True
    return origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS


@csrf_exempt  # the token in the URL is the credential; JSON only, and the Origin must be ours
@require_POST
def save(request, org_code, token):
    """Store a group's answers, or the final submit: JSON ``{"key", "answers", "complete",
    "language"}``. A replayed key gets the same answer and stores nothing.

    The hot path of the burst after a push: no session, and the invitation, its organisation
    and poll are read with the response in one query (``response_save_by_token``)."""
    problem = _body_problem(request)
    data = None if problem else _json_object(request.body)
    if problem is None and data is None:
        problem = (_("Send a JSON object with answers."), 400)
    result = services.response_save_by_token(
        organisation_code=org_code,
        token=token,
        answers=(data or {}).get("answers") or {},
        # a bad request reads the invitation (unknown links are told first) but stores nothing
        idempotency_key="" if problem else str(data.get("key") or ""),
        complete=bool(data) and data.get("complete") is True,
        language=str((data or {}).get("language") or "")[:10],
    )
    if result is None:
        return JsonResponse({"error": str(_("Unknown link."))}, status=404)
    use_organisation_language(request, result.organisation_language)
    if problem:
        return JsonResponse({"error": str(problem[0])}, status=problem[1])
    body = {
        "status": "complete" if result.complete else ("saved" if result.response_id else "none"),
        "replayed": result.replayed,
        "created": result.created,
        "refused": result.refused,
        "message": result.message,
        "errors": {code: answering.error_text(reason) for code, reason in result.errors.items()},
    }
    status = REFUSED_STATUS.get(result.refused, 422 if result.errors else 200)
    return JsonResponse(body, status=status)


def _body_problem(request) -> tuple | None:
    if request.content_type != "application/json":
        return _("Send JSON (Content-Type: application/json)."), 415
    if not _origin_ok(request):
        return _("Cross-site request refused."), 403
    if int(request.META.get("CONTENT_LENGTH") or 0) > BODY_MAX or len(request.body) > BODY_MAX:
        return _("The request is too large."), 413
    return None


def _json_object(body: bytes) -> dict | None:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: nested thousands of levels deep
        return None
    if not isinstance(data, dict) or not isinstance(data.get("answers", {}), dict):
        return None
    return data


@panel_view
@require_GET
def service_worker(request, org_code):
    """The answering pages' service worker (offline cache, web push). Served from this path so
    that its scope covers /p/<org_code>/a/."""
    files = [static("buurtpeil/dist/app.css"), static("buurtpeil/answer.js")]
    script = render_to_string(
        "responses/sw.js", {"files": json.dumps(files), "version": json.dumps(",".join(files))}
    )
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = f"/p/{org_code}/a/"
    return response
