"""XLSForm upload (a new draft poll) and download of a poll as XLSForm, under
/staff/<org_code>/polls/. Analysts and administrators import; anyone who may see the poll may
download it. Both write an audit row (in ``xlsform``)."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from buurtpeil.core.forms import StyledFormMixin
from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.polls import selectors, xlsform
from buurtpeil.polls.definition import questions

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class XLSFormUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("XLSForm workbook (.xlsx)"),
        help_text=gettext_lazy(
            "A form made for ODK, KoboToolbox or Enketo, with the sheets survey and choices (and settings)."
        ),
        widget=forms.FileInput(attrs={"accept": f".xlsx,{XLSX}"}),
    )


@staff_view(Membership.Role.ANALYST)
@require_http_methods(["GET", "POST"])
def xlsform_import(request, org_code):
    form = XLSFormUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            poll = xlsform.xlsform_import(
                organisation=request.organisation, file=form.cleaned_data["file"], actor=request.user
            )
        except xlsform.XLSFormError as error:
            problems = error.problems
        else:
            count = sum(1 for _question in questions(poll.definition))
            messages.success(
                request,
                _("The XLSForm was imported as a draft poll with %(count)d questions.") % {"count": count},
            )
            return redirect("polls:detail", org_code=request.organisation.code, poll_id=poll.pk)
    return render(
        request,
        "polls/xlsform_import.html",
        {
            "organisation": request.organisation,
            "form": form,
            "problems": problems,
            "limit": filesizeformat(xlsform.MAX_BYTES),
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_view(Membership.Role.VIEWER)
@require_GET
def xlsform_export(request, org_code, poll_id):
    poll = selectors.poll_for(request.organisation, poll_id)
    if poll is None:
        raise Http404
    data = xlsform.xlsform_export(poll=poll, actor=request.user)
    name = slugify(poll.title)[:60] or f"poll-{poll.pk}"
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
