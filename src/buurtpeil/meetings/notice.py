"""The meeting invitation: a notice (``distribution.notices``) sent with each member's own link
to the meeting's page, by e-mail, web push or SMS, through ``distribution``'s channels."""

from django.utils.translation import gettext_lazy as _

from buurtpeil.distribution import notices

KIND = "meeting"


@notices.register(KIND)
class MeetingNotice(notices.Notice):
    verbose_name = _("meeting invitation")
    templates = (
        "meetings/email/subject.txt",
        "meetings/email/invitation.txt",
        "meetings/email/invitation.html",
    )
    push_title = _("You are invited to a meeting in your neighbourhood")
    sms_lead = _("%(organisation)s invites you to a meeting: “%(title)s”.")

    def url(self, *, organisation, poll) -> str:
        raise NotImplementedError("a meeting invitation carries each member's own link")
