"""Writes of sending."""

from django.utils import timezone

from buurtpeil.distribution.models import Recipient


def recipient_responded(*, recipient: Recipient) -> None:
    """Mark a recipient as responded: no more reminders, counted in the response monitor."""
    Recipient.objects.filter(pk=recipient.pk, responded_at__isnull=True).update(responded_at=timezone.now())
