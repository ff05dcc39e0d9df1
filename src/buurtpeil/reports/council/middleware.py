"""Tells a staff member on their next page that a council report they asked for is finished
(a message cannot be sent from the background task to a request, so the report row remembers
whether they have been told)."""

from django.contrib import messages
from django.utils.translation import gettext as _

from buurtpeil.reports.council import selectors, services


class CouncilReportNoticeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith("/staff/")
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
            and not request.headers.get("HX-Request")
        ):
            notices = selectors.council_report_notices(request.user)
            for report in notices:
                if report.status == report.Status.DONE:
                    messages.success(
                        request,
                        _("The council report “%(label)s” is ready under Reports.") % {"label": report.label},
                    )
                else:
                    messages.error(
                        request,
                        _("The council report “%(label)s” could not be made.") % {"label": report.label},
                    )
            if notices:
                services.council_reports_notified(reports=notices)
        return self.get_response(request)
