"""Panel members and their identities, kept in separate tables.

``PanelMember`` holds only what analysis needs (buurt, weighting traits, consent) and is
referred to elsewhere by its opaque ``key``. Contact data lives in ``Identity`` (one row per
member) and in the short-lived ``MagicLink`` and ``InvitationContact`` rows; erasure deletes
those rows, after which nothing links the member key to a person.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtpeil.areas.models import Area
from buurtpeil.organisations.models import Organisation


class AgeGroup(models.TextChoices):
    # Codes match the population categories of the areas importer (CBS age groups).
    AGE_15_25 = "15_25", _("16 to 24 years")
    AGE_25_45 = "25_45", _("25 to 44 years")
    AGE_45_65 = "45_65", _("45 to 64 years")
    AGE_65_PLUS = "65_plus", _("65 years or older")


class Sex(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    OTHER = "other", _("Other / I'd rather not say")


class Household(models.TextChoices):
    SINGLE = "single", _("Living alone")
    COUPLE = "couple", _("Couple without children at home")
    COUPLE_CHILDREN = "couple_children", _("Couple with children at home")
    SINGLE_PARENT = "single_parent", _("Single parent with children at home")
    OTHER = "other", _("Other")


class MigrationBackground(models.TextChoices):
    NONE = "none", _("I and both my parents were born in this country")
    SECOND_GENERATION = "second_generation", _("I was born here, at least one parent abroad")
    FIRST_GENERATION = "first_generation", _("I was born abroad")


class PanelMember(models.Model):
    class Kind(models.TextChoices):
        """A panel type. Each poll goes to one kind and is analysed apart; only residents are
        weighted to the population. Key figures, partners' contact persons and professionals
        are members of their own kind, made from the partner register (``partners``); the
        people who came to a dialogue meeting get its follow-up poll as ``attendees``
        (``meetings``)."""

        RESIDENTS = "residents", _("Residents' panel")
        KEY_FIGURES = "key_figures", _("Key figures")
        PARTNERS = "partners", _("Partners")
        PROFESSIONALS = "professionals", _("Professionals in the buurten")
        ATTENDEES = "attendees", _("People who came to a meeting")

    class Status(models.TextChoices):
        PENDING = "pending", _("Profile not yet complete")
        ACTIVE = "active", _("Active")
        LEFT = "left", _("Left the panel")

    class Source(models.TextChoices):
        SELF = "self", _("Signed up")
        LETTER = "letter", _("Invited by letter")
        SYNTHETIC = "synthetic", _("Synthetic (demo)")

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="panel_members")
    buurt = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="panel_members",
        limit_choices_to={"level": Area.Level.NEIGHBOURHOOD},
    )
    age_group = models.CharField(_("age"), max_length=10, choices=AgeGroup.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    household = models.CharField(_("household"), max_length=20, choices=Household.choices, blank=True)
    migration_background = models.CharField(
        _("migration background"), max_length=20, choices=MigrationBackground.choices, blank=True
    )
    kind = models.CharField(_("panel type"), max_length=20, choices=Kind.choices, default=Kind.RESIDENTS)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.SELF)
    consent_version = models.CharField(max_length=20, blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "kind", "status"])]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")

    def __str__(self) -> str:
        return str(self.key)


class Identity(models.Model):
    """Contact data of one panel member. Deleted for good on erasure."""

    member = models.OneToOneField(PanelMember, on_delete=models.CASCADE, related_name="identity")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("e-mail address"))
    # Keyed hash of the normalised address, for look-up without scanning addresses.
    email_digest = models.CharField(max_length=64)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "email_digest"], name="unique_identity_email")
        ]
        verbose_name = _("identity")
        verbose_name_plural = _("identities")

    def __str__(self) -> str:
        return f"identity of {self.member_id}"


class MagicLink(models.Model):
    """A one-time login link. Only a digest of the token is stored.

    The row is written when a resident asks for a link; the token is made, hashed into
    ``token_digest`` and mailed by the sending task, so it never passes through a queue or
    a table. A link is used once, within ``MAGIC_LINK_MAX_AGE``.
    """

    class Purpose(models.TextChoices):
        JOIN = "join", _("Join the panel")
        LOGIN = "login", _("Log in")
        EMAIL_CHANGE = "email_change", _("Confirm a new e-mail address")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.LOGIN)
    # Empty until the mail is sent.
    token_digest = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # For a new resident (or a new address) the address waits here until the link is
    # confirmed; wiped on use, and the row is deleted soon after it expires.
    email = models.EmailField(blank=True)
    email_digest = models.CharField(max_length=64, blank=True, db_index=True)
    member = models.ForeignKey(PanelMember, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    invitation = models.ForeignKey(
        "Invitation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"magic link {self.pk}"


class RecruitmentBatch(models.Model):
    """A random sample invited by letter."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="recruitment_batches"
    )
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class Invitation(models.Model):
    """A letter code. Once used, its contact row is deleted and the code is marked used;
    the code is never linked to the member who used it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    batch = models.ForeignKey(RecruitmentBatch, on_delete=models.CASCADE, related_name="invitations")
    # Eight characters from ``codes.ALPHABET``, stored without the dash.
    code = models.CharField(max_length=12, unique=True)
    buurt = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.code


class InvitationContact(models.Model):
    """Name and address for printing the letter. Deleted when the code is used."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(max_length=200, blank=True)
    address = models.TextField()

    def __str__(self) -> str:
        return f"contact of invitation {self.invitation_id}"
