"""Staff page /staff/<org_code>/api-tokens/: administrators make and revoke API tokens.

A new token is shown once, on the page that answers the form, and never again (it is not
stored; neither in the database nor in the session)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from buurtpeil.api import selectors, services
from buurtpeil.api.forms import ApiTokenForm
from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership


@never_cache
@staff_view(Membership.Role.ADMIN)
@require_http_methods(["GET", "POST"])
def api_tokens(request, org_code):
    organisation = request.organisation
    form = ApiTokenForm(request.POST or None)
    new_token = created = None
    if request.method == "POST" and form.is_valid():
        created, new_token = services.api_token_create(
            organisation=organisation, user=request.user, name=form.cleaned_data["name"], actor=request.user
        )
        form = ApiTokenForm()
    context = {
        "organisation": organisation,
        "form": form,
        "tokens": selectors.api_tokens_for(organisation),
        "new_token": new_token,
        "created": created,
    }
    return render(request, "api/api_tokens.html", context)


@staff_view(Membership.Role.ADMIN)
@require_POST
def api_token_revoke(request, org_code, token_id):
    api_token = selectors.api_token_for(request.organisation, token_id)
    if api_token is None:
        raise Http404
    services.api_token_revoke(api_token=api_token, actor=request.user)
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": api_token.name})
    return redirect("api_staff:list", request.organisation.code)
