"""The "feedback" notice: the message that tells everyone who answered a poll that its feedback
is out, with the link to the public feedback page (the same for everyone, so a forwarded
message gives nothing away). Sent by ``distribution`` like an invitation, by e-mail and web push."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from buurtpeil.distribution import notices

KIND = "feedback"


def feedback_url(*, organisation, poll) -> str:
    path = reverse("feedback_open:detail", kwargs={"org_code": organisation.code, "poll_id": poll.pk})
    return settings.SITE_URL + path


@notices.register(KIND)
class FeedbackNotice(notices.Notice):
    verbose_name = _("feedback")
    templates = ("feedback/email/subject.txt", "feedback/email/notice.txt", "feedback/email/notice.html")
    push_title = _("What came of your answers")

    def url(self, *, organisation, poll) -> str:
        return feedback_url(organisation=organisation, poll=poll)
