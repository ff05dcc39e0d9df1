"""Signals other apps listen to, so that polls need not import them."""

from django.dispatch import Signal

# Sent once a poll's closing is committed, with ``poll_id``: its results can be computed and
# its open answers sorted (in the background).
poll_closed = Signal()
