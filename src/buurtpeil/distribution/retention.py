"""Sending's retention step (``organisations.retention``)."""

from datetime import timedelta

from django.conf import settings

from buurtpeil.distribution import services
from buurtpeil.organisations.retention import RetentionStep, steps
from buurtpeil.panel.selectors import left_member_keys


@steps("push_subscriptions")
class LeftMembersChannels(RetentionStep):
    label = "push subscriptions and opt-outs of members who left"

    def run(self, *, organisation, now):
        before = now - timedelta(days=settings.RETENTION_LEFT_GRACE_DAYS)
        return services.left_members_channels_delete(
            organisation_id=organisation.pk, member_keys=left_member_keys(organisation, before=before)
        )
