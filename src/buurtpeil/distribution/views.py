"""Resident endpoints under /p/<org_code>/: one-click unsubscribe and web-push subscription."""

import base64
import binascii
import json
from urllib.parse import urlsplit

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from buurtpeil.distribution import channels, services
from buurtpeil.distribution.selectors import recipient_by_token
from buurtpeil.distribution.unsubscribe import unsubscribe_read
from buurtpeil.panel.access import panel_view, resident_member

ENDPOINT_MAX = 1000
# The browsers' push services. Only these are accepted, so that nobody can make the server
# post to an address of their choosing.
PUSH_SERVICES = ("fcm.googleapis.com", "push.services.mozilla.com", "push.apple.com", "notify.windows.com")


def _push_service(endpoint) -> bool:
    if not isinstance(endpoint, str) or len(endpoint) > ENDPOINT_MAX:
        return False
    url = urlsplit(endpoint)
    host = (url.hostname or "").lower()
    known = any(host == service or host.endswith("." + service) for service in PUSH_SERVICES)
    return url.scheme == "https" and url.port in (None, 443) and known


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a CSRF token
@never_cache
@panel_view
@require_http_methods(["GET", "POST"])
def unsubscribe(request, org_code, token):
    """GET shows a button and changes nothing (mail scanners follow links); POST opts out."""
    organisation = request.organisation
    asked = unsubscribe_read(token)
    context = {"organisation": organisation}
    if asked is None or asked.organisation_id != organisation.pk or asked.channel not in channels.register:
        return render(request, "distribution/unsubscribe.html", {**context, "state": "invalid"}, status=400)
    context["channel"] = channels.register[asked.channel].verbose_name
    if request.method == "POST":
        services.opt_out_record(
            organisation_id=organisation.pk, member_key=asked.member_key, channel=asked.channel
        )
        return render(request, "distribution/unsubscribe.html", {**context, "state": "done"})
    return render(request, "distribution/unsubscribe.html", {**context, "state": "confirm"})


def _b64url_length(value, length: int) -> bool:
    if not isinstance(value, str) or len(value) > 200:
        return False
    try:
        return len(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))) == length
    except (binascii.Error, ValueError):
        return False


@panel_view
@require_POST
def push_subscribe(request, org_code):
    """Store the browser's push subscription for the logged-in member, or for the member whose
    invitation token comes along (header ``X-Invitation-Token`` or body ``token``)."""
    organisation = request.organisation
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return JsonResponse({"error": _("The request is not a JSON object.")}, status=400)
    member = resident_member(request, organisation)
    member_key = member.key if member else None
    token = request.headers.get("X-Invitation-Token") or data.get("token")
    if member_key is None and isinstance(token, str):
        recipient = recipient_by_token(organisation=organisation, token=token)
        member_key = recipient.member_key if recipient else None
    if member_key is None:
        return JsonResponse({"error": _("Log in or use the link from your invitation.")}, status=403)
    endpoint, keys = data.get("endpoint"), data.get("keys")
    keys = keys if isinstance(keys, dict) else {}
    if not (
        _push_service(endpoint)
        and _b64url_length(keys.get("p256dh"), 65)
        and _b64url_length(keys.get("auth"), 16)
    ):
        return JsonResponse({"error": _("This is not a valid push subscription.")}, status=400)
    services.push_subscription_save(
        organisation=organisation,
        member_key=member_key,
        endpoint=endpoint,
        p256dh=keys["p256dh"],
        auth=keys["auth"],
    )
    return JsonResponse({"subscribed": True}, status=201)
