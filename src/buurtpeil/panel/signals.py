"""Signals other apps listen to, so that the panel need not import them."""

from django.dispatch import Signal

# Sent inside the erasure transaction, before the member row is deleted, with
# ``organisation_id`` and ``member_key``. Apps that store data under the member key
# (answers, push subscriptions) delete it or cut the link in their receiver.
member_erased = Signal()
