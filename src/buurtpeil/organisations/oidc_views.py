"""Staff login with the organisation's account (OpenID Connect); see ``oidc``. The provider's
login is the first step; it counts as both when OIDC_IDP_ENFORCES_MFA says the provider asks
for a second factor itself."""

import logging

import requests
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from buurtpeil.organisations import oidc
from buurtpeil.organisations.auth_views import first_step_passed
from buurtpeil.organisations.staff_login import login_complete, login_failed_record

NEXT = "_staff_oidc_next"
logger = logging.getLogger(__name__)


@require_POST
def oidc_start(request):
    """To the identity provider, which sends the browser back to ``oidc_callback``."""
    if not oidc.oidc_enabled():
        return redirect("staff:login")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse(settings.LOGIN_REDIRECT_URL)
    request.session[NEXT] = next_url
    callback = request.build_absolute_uri(reverse("staff:oidc_callback"))
    try:
        return oidc.oidc_client().authorize_redirect(request, callback)
    except (requests.RequestException, ValueError, RuntimeError):
        logger.warning("The identity provider's discovery document could not be read.")
        messages.error(request, _("The login with your organisation account is not available now."))
        return redirect("staff:login")


@require_GET
def oidc_callback(request):
    if not oidc.oidc_enabled():
        return redirect("staff:login")
    next_url = request.session.pop(NEXT, "") or reverse(settings.LOGIN_REDIRECT_URL)
    try:
        identity = oidc.oidc_identity(request)
    except oidc.OidcRefused as refused:
        login_failed_record(user=None, reason=refused.reason, organisation_account=True)
        messages.error(
            request,
            _(
                "Logging in with your organisation account did not succeed. Ask your administrator "
                "whether Buurtpeil knows your e-mail address, or log in with your user name and password."
            ),
        )
        return redirect("staff:login")
    if settings.OIDC_IDP_ENFORCES_MFA:
        login_complete(request, user=identity.user, backend=oidc.BACKEND, method="oidc")
        return redirect(next_url)
    return first_step_passed(
        request, user=identity.user, backend=oidc.BACKEND, method="oidc", next_url=next_url
    )
