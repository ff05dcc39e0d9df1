"""One requested council report and its state while it is made in the background.

The finished PDF and ODT are stored as bytes in the row rather than as files under MEDIA_ROOT:
with the database task backend a worker on another machine makes the report, and the row is
the one place both it and the web server see; a report is a few megabytes at most, goes with
its organisation when that is deleted, and leaves no orphaned files. List pages defer both.
"""

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from buurtpeil.organisations.models import Organisation
from buurtpeil.polls.models import Poll


class CouncilReport(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Step(models.TextChoices):
        WAITING = "waiting", _("Waiting for its turn")
        FIGURES = "figures", _("Reading the results")
        CHARTS = "charts", _("Drawing the charts")
        MAPS = "maps", _("Drawing the maps")
        PDF = "pdf", _("Laying out the PDF")
        ODT = "odt", _("Writing the OpenDocument text")
        FINISHED = "finished", _("Finished")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # A report of one poll, or of every poll with results whose date falls in the period.
    poll = models.ForeignKey(Poll, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="nl")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=10, choices=Step.choices, default=Step.WAITING)
    error = models.TextField(blank=True)
    pdf = models.BinaryField(null=True, editable=False)
    odt = models.BinaryField(null=True, editable=False)
    pdf_size = models.PositiveIntegerField(default=0)
    odt_size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set once the requester has been told on a page that the report is finished.
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "notified_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(poll__isnull=False)
                | models.Q(period_start__isnull=False, period_end__isnull=False),
                name="council_report_poll_or_period",
            )
        ]

    def __str__(self) -> str:
        return f"council report {self.pk}"

    @property
    def label(self) -> str:
        """What the report is about: the poll's title, or the period."""
        if self.poll_id:
            return self.poll.title
        return gettext("%(start)s to %(end)s") % {
            "start": date_format(self.period_start, "j F Y"),
            "end": date_format(self.period_end, "j F Y"),
        }

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
