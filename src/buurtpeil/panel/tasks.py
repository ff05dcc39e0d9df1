"""Background work of the panel. Tasks take primary keys only: a login token is made inside
the task (``services.magic_link_issue``), so it never sits in a task queue or a log."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from buurtpeil.panel import services

logger = logging.getLogger(__name__)


@task()
def magic_link_send(link_id: int, language: str) -> None:
    issued = services.magic_link_issue(link_id=link_id)
    if issued is None:
        return
    organisation = issued.organisation
    with translation.override(language):
        path = reverse("panel:login", kwargs={"org_code": organisation.code, "token": issued.token})
        context = {
            "organisation": organisation,
            "purpose": issued.purpose,
            "url": settings.SITE_URL + path,
            "minutes": services.magic_link_minutes(),
        }
        subject = render_to_string("panel/email/magic_link_subject.txt", context).strip()
        body = render_to_string("panel/email/magic_link.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[issued.recipient])
    message.send()
    logger.info("Magic link %s sent (organisation %s)", link_id, organisation.code)
