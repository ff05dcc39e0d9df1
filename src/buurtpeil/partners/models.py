"""The organisations a municipality works with on safety: police, housing corporations, youth
work, schools, residents' groups. Actions of a safety plan name the partners who carry them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtpeil.areas.models import Area
from buurtpeil.organisations.models import Organisation


class Partner(models.Model):
    class Sector(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        POLICE = "police", _("Police")
        HOUSING = "housing", _("Housing corporation")
        YOUTH_WORK = "youth_work", _("Youth work")
        SCHOOL = "school", _("School")
        CARE = "care", _("Care and welfare")
        RESIDENTS = "residents", _("Residents' group")
        BUSINESS = "business", _("Business")
        JUSTICE = "justice", _("Justice and public prosecution")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    areas = models.ManyToManyField(Area, blank=True, related_name="partners", verbose_name=_("areas"))
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    # The contact person's member of the partners' panel (``panel``), set while there is an address.
    member_key = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_partner_name")]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name


class NetworkRound(models.Model):
    """One round of the network poll: every partner with an e-mail address is asked with which
    other partners it works on safety, how often and on what."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="network_rounds")
    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("network poll")
        verbose_name_plural = _("network polls")

    def __str__(self) -> str:
        return self.title


class NetworkInvitation(models.Model):
    round = models.ForeignKey(NetworkRound, on_delete=models.CASCADE, related_name="invitations")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    token_digest = models.CharField(max_length=64, unique=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "partner"], name="unique_network_invitation")]

    def __str__(self) -> str:
        return f"{self.round} → {self.partner}"


class NetworkTie(models.Model):
    """A partner's answer about one other partner in a round."""

    class Frequency(models.IntegerChoices):
        YEARLY = 1, _("A few times a year")
        MONTHLY = 2, _("Monthly")
        WEEKLY = 3, _("Weekly")

    class Topic(models.TextChoices):
        INFORMATION = "information", _("Sharing information")
        CASES = "cases", _("Cases and persons (case consultation)")
        ACTIONS = "actions", _("Joint actions in the neighbourhood")
        PREVENTION = "prevention", _("Prevention and education")
        RESIDENTS = "residents", _("Contact with residents")

    round = models.ForeignKey(NetworkRound, on_delete=models.CASCADE, related_name="ties")
    source = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    frequency = models.PositiveSmallIntegerField(choices=Frequency.choices)
    topics = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "source", "target"], name="unique_network_tie")
        ]

    def __str__(self) -> str:
        return f"{self.source_id} - {self.target_id}"


class KeyFigure(models.Model):
    """A person with a following in a community (sleutelfiguur) whom the municipality may ask
    about safety. Registered only with their consent; contact details are shown to analysts
    only, each view is audited, and the record is erased on request."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="key_figures")
    name = models.CharField(_("name"), max_length=200)
    community = models.CharField(_("community or group they reach"), max_length=300)
    areas = models.ManyToManyField(Area, blank=True, related_name="+", verbose_name=_("areas"))
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    consent_at = models.DateTimeField(_("consent given"))
    # Their member of the key figures' panel (``panel``), set while there is an address or a phone.
    member_key = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")

    def __str__(self) -> str:
        return self.name


class Professional(models.Model):
    """Someone who works in the buurten for the police or the municipality (a wijkagent, a
    wijkinspecteur, a boa, an area manager), asked in polls of their own about what they see
    and how they work with residents. A work address; contact details are shown to analysts
    only, and the record is erased on request."""

    class Role(models.TextChoices):
        COMMUNITY_OFFICER = "community_officer", _("Community police officer (wijkagent, wijkinspecteur)")
        ENFORCEMENT = "enforcement", _("Enforcement officer (boa, handhaver)")
        AREA_STAFF = "area_staff", _("Municipal area staff (gebiedsmanager, wijkregisseur)")
        OTHER = "other", _("Other professional")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="professionals")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    areas = models.ManyToManyField(Area, blank=True, related_name="+", verbose_name=_("areas"))
    email = models.EmailField(_("work e-mail address"), blank=True)
    phone = models.CharField(_("work phone"), max_length=30, blank=True)
    # Their member of the professionals' panel (``panel``), set while there is an address or a phone.
    member_key = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")

    def __str__(self) -> str:
        return self.name
