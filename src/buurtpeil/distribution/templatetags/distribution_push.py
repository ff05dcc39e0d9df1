"""``{% push_settings organisation as push %}``: what the "turn on notifications" button needs."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse

register = template.Library()


def worker_url(org_code: str) -> str:
    """The answering app's service worker, which shows the notifications."""
    try:
        return reverse("responses:service_worker", kwargs={"org_code": org_code})
    except NoReverseMatch:
        return f"/p/{org_code}/a/sw.js"


@register.simple_tag
def push_settings(organisation) -> dict:
    if organisation is None or not settings.VAPID_PUBLIC_KEY:
        return {}
    return {
        "public_key": settings.VAPID_PUBLIC_KEY,
        "subscribe_url": reverse("distribution:push_subscribe", kwargs={"org_code": organisation.code}),
        "worker_url": worker_url(organisation.code),
    }
