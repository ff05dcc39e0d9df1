"""Meetings' retention step (``organisations.retention``)."""

from buurtpeil.meetings import services
from buurtpeil.organisations.retention import RetentionStep, steps


@steps("meeting_registrants")
class MeetingRegistrants(RetentionStep):
    label = "names and e-mail addresses of meeting registrations and attendees"

    def run(self, *, organisation, now):
        return services.registrants_forget(organisation=organisation, now=now)
