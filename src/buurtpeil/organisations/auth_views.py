"""The staff login: password (or organisation account), then the second step, and the page
where staff set up their authenticator app and recovery codes. See ``staff_login``."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as django_auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buurtpeil.organisations import lockout, oidc, totp, twofactor
from buurtpeil.organisations.forms import SecondStepForm, SetupForm, StaffLoginForm, locked_message
from buurtpeil.organisations.staff_login import (
    login_complete,
    login_failed_record,
    pending_clear,
    pending_get,
    pending_start,
)

SETUP_SECRET = "_staff_totp_setup"  # noqa: S105 - a session key, not a secret


def first_step_passed(request, *, user, backend: str, method: str, next_url: str, attempt=None):
    """After the password or the organisation account: the authenticator code, setting one up,
    or (when neither is asked) straight in."""
    if twofactor.has_device(user):
        if attempt is not None:
            attempt.give_back()
        pending_start(request, user=user, backend=backend, method=method, next_url=next_url)
        return redirect("staff:login_code")
    if settings.STAFF_2FA_REQUIRED:
        if attempt is not None:
            attempt.give_back()
        pending_start(request, user=user, backend=backend, method=method, next_url=next_url)
        return redirect("staff:two_factor_setup")
    if attempt is not None:
        attempt.succeed()
    login_complete(request, user=user, backend=backend, method=method)
    return redirect(next_url)


class StaffLoginView(django_auth_views.LoginView):
    template_name = "organisations/login.html"
    authentication_form = StaffLoginForm

    def get_context_data(self, **kwargs):
        enabled = oidc.oidc_enabled()
        if enabled:
            self.request.csp_form_action = oidc.provider_origins()
        return {**super().get_context_data(**kwargs), "oidc_enabled": enabled}

    def form_valid(self, form):
        user = form.get_user()
        return first_step_passed(
            self.request,
            user=user,
            backend=user.backend,
            method="password",
            next_url=self.get_success_url(),
            attempt=form.attempt,
        )

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if any(error.code == "locked" for error in form.errors.as_data().get("__all__", [])):
            response.status_code = 429
        return response


def _back_to_login(request, text: str):
    messages.error(request, text)
    return redirect("staff:login")


@require_http_methods(["GET", "POST"])
def login_code(request):
    """The second step: a code from the authenticator app, or a recovery code."""
    pending = pending_get(request)
    if pending is None:
        return _back_to_login(request, _("Your login took too long or was not started. Please log in again."))
    if not twofactor.has_device(pending.user):
        return redirect("staff:two_factor_setup")
    user = pending.user
    form = SecondStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        attempt = lockout.attempt_begin(username=user.get_username(), address=lockout.client_address(request))
        if not attempt.allowed:
            pending_clear(request)
            login_failed_record(user=user, reason="second step refused, locked out")
            return _back_to_login(request, locked_message())
        kind = twofactor.code_check(user=user, code=form.cleaned_data["code"])
        if kind is None:
            login_failed_record(user=user, reason="authentication code refused")
            form.add_error("code", _("This code is not right, or it has been used already."))
        else:
            attempt.succeed()
            login_complete(request, user=user, backend=pending.backend, method=f"{pending.method}+{kind}")
            if kind == "recovery":
                messages.warning(
                    request,
                    _("You logged in with a recovery code. You have %(count)d left.")
                    % {"count": twofactor.recovery_codes_left(user)},
                )
            return redirect(pending.next_url)
    return render(request, "organisations/login_code.html", {"form": form})


def _qr_svg(uri: str) -> str:
    svg = segno.make(uri, error="m", micro=False).svg_inline(
        scale=4, border=4, light="#fff", title=_("QR code for your authenticator app")
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - segno's own markup


@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Set up an authenticator app: a QR code and the secret as text, confirmed with a code."""
    pending = None if request.user.is_authenticated else pending_get(request)
    if pending is None and not request.user.is_authenticated:
        return _back_to_login(request, _("Your login took too long or was not started. Please log in again."))
    user = pending.user if pending else request.user
    if twofactor.has_device(user):
        return redirect("staff:login_code" if pending else "staff:security")
    secret = request.session.get(SETUP_SECRET) or totp.secret_new()
    request.session[SETUP_SECRET] = secret
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.device_confirm(user=user, secret=secret, code=form.cleaned_data["code"])
        if codes is None:
            form.add_error(
                "code", _("This code is not right. Check that the app shows the code for Buurtpeil.")
            )
        else:
            request.session.pop(SETUP_SECRET, None)
            next_url = reverse("staff:security")
            if pending:
                lockout.username_clear(user.get_username())
                login_complete(request, user=user, backend=pending.backend, method=f"{pending.method}+setup")
                next_url = pending.next_url
            # Shown in this answer only: the codes are stored as digests.
            return render(request, "organisations/recovery_codes.html", {"codes": codes, "next": next_url})
    uri = totp.provisioning_uri(secret, account=user.get_username(), issuer=twofactor.ISSUER)
    context = {
        "form": form,
        "qr": _qr_svg(uri),
        "secret": totp.secret_display(secret),
        "required": settings.STAFF_2FA_REQUIRED,
        "pending": pending is not None,
    }
    return render(request, "organisations/two_factor_setup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def security(request):
    """Two-factor authentication of the logged-in staff member: set up, or new recovery codes."""
    device = twofactor.device_for(request.user)
    form = SecondStepForm(request.POST or None)
    form.fields["code"].help_text = _("The 6 digits your authenticator app shows now.")
    if request.method == "POST" and device and form.is_valid():
        code = form.cleaned_data["code"].strip().replace(" ", "")
        # Wrong codes count towards the lock-out here too: new recovery codes are worth guessing for.
        attempt = lockout.attempt_begin(
            username=request.user.get_username(), address=lockout.client_address(request)
        )
        if not attempt.allowed:
            form.add_error("code", locked_message())
        elif code.isdigit() and twofactor.code_check(user=request.user, code=code) == "totp":
            attempt.give_back()
            codes = twofactor.recovery_codes_new(user=request.user)
            return render(
                request,
                "organisations/recovery_codes.html",
                {"codes": codes, "next": reverse("staff:security")},
            )
        else:
            form.add_error("code", _("This code is not right, or it has been used already."))
    context = {
        "device": device,
        "form": form,
        "codes_left": twofactor.recovery_codes_left(request.user) if device else 0,
        "required": settings.STAFF_2FA_REQUIRED,
    }
    return render(request, "organisations/security.html", context)
