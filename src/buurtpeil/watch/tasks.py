"""Background work of the neighbourhood-watch register. The check-in link's token is made inside
the task and only its digest is stored, so the token never sits in a queue or a log."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from buurtpeil.core.tokens import link_token_new
from buurtpeil.watch import services

logger = logging.getLogger(__name__)


@task()
def checkin_send_task(checkin_id: int, language: str) -> bool:
    token, digest = link_token_new()
    checkin = services.checkin_claim_for_sending(checkin_id=checkin_id, digest=digest, now=timezone.now())
    if checkin is None or not checkin.group.coordinator_email:
        return False
    organisation = checkin.organisation
    with translation.override(language):
        path = reverse("watch_checkin:answer", kwargs={"org_code": organisation.code, "checkin_token": token})
        context = {
            "organisation": organisation,
            "group": checkin.group,
            "checkin": checkin,
            "url": settings.SITE_URL + path,
        }
        subject = render_to_string("watch/email/checkin_subject.txt", context).strip()
        body = render_to_string("watch/email/checkin.txt", context)
    EmailMessage(subject=subject, body=body, to=[checkin.group.coordinator_email]).send()
    logger.info("Check-in %s sent (organisation %s)", checkin_id, organisation.code)
    return True
