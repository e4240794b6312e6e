"""What the coordination unit keeps: the NRM manual, the two forums, the national action
plan, the reminders of their due dates, and neighbour checks.

None of it names a person: forums and the plan are about the mechanism, not about cases
(the local operational meetings about case files stay with the prosecution, confidential).
Versioned texts keep every version; nothing is overwritten.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.coordination.steps import STEP_CHOICES

# The manual -------------------------------------------------------------------------------

MANUAL_FIELDS = ("who", "does", "by_when", "form", "legal_basis", "next_step")


class ManualEntryVersion(models.Model):
    """One version of one step of the manual, for one installation country and language.

    A coordinator proposes a version; it is the manual's text once a coordinator approves
    it. The current entry is the approved version with the highest number.
    """

    country = models.CharField(_("country"), max_length=2)
    language = models.CharField(_("language"), max_length=10)
    step = models.CharField(_("step"), max_length=32, choices=STEP_CHOICES)
    number = models.PositiveIntegerField(_("version"))
    who = models.TextField(_("who"))
    does = models.TextField(_("what they do"))
    by_when = models.TextField(_("by when"), blank=True)
    form = models.TextField(_("form or document"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    next_step = models.TextField(_("what happens next"))
    change_note = models.CharField(_("what changed and why"), max_length=500)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["country", "language", "step", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "language", "step", "number"], name="one_manual_version_number"
            )
        ]
        indexes = [models.Index(fields=["country", "language", "step", "approved_at"])]

    def __str__(self) -> str:
        return f"{self.country}/{self.language} {self.step} v{self.number}"

    def fields(self) -> dict[str, str]:
        return {name: str(getattr(self, name)) for name in MANUAL_FIELDS}


# Forums ----------------------------------------------------------------------------------


class ForumKind(models.TextChoices):
    PLATFORM = "PLATFORM", _("Inter-ministerial coordination platform (twice a year)")
    OPERATIONAL = "OPERATIONAL", _("Operational forum (monthly)")


class ForumMeeting(models.Model):
    kind = models.CharField(_("forum"), max_length=16, choices=ForumKind.choices)
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    location = models.CharField(_("place"), max_length=200, blank=True)
    invitees = models.ManyToManyField(
        "organisations.Organisation", related_name="+", verbose_name=_("invited organisations")
    )
    attended = models.ManyToManyField(
        "organisations.Organisation",
        related_name="+",
        blank=True,
        verbose_name=_("organisations present"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["kind", "held_on"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.held_on}"


class ForumAgendaItem(models.Model):
    meeting = models.ForeignKey(ForumMeeting, on_delete=models.PROTECT, related_name="agenda")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("agenda item"), max_length=300)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class ForumDecision(models.Model):
    meeting = models.ForeignKey(ForumMeeting, on_delete=models.PROTECT, related_name="decisions")
    text = models.TextField(_("decision"))
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"decision {self.pk}"


class MinutesVersion(models.Model):
    meeting = models.ForeignKey(ForumMeeting, on_delete=models.PROTECT, related_name="minutes")
    number = models.PositiveIntegerField()
    text = models.TextField(_("minutes"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_minutes_version")
        ]

    def __str__(self) -> str:
        return f"minutes {self.meeting_id} v{self.number}"


class ReminderColumns(models.Model):
    """The two claim columns of the reminder worker (nrm/coordination/reminders.py): a
    reminder ahead of the due date, and a notice once it is overdue. Each claim stamps its
    column once; the `*_at` instants are indexed so that the claim is a range scan."""

    remind_at = models.DateTimeField(db_index=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_at = models.DateTimeField(db_index=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class ForumFollowUp(ReminderColumns):
    meeting = models.ForeignKey(ForumMeeting, on_delete=models.PROTECT, related_name="follow_ups")
    decision = models.ForeignKey(
        ForumDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="follow_ups"
    )
    description = models.TextField(_("what is to be done"))
    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(
                fields=["owner", "due_on"],
                condition=models.Q(done_at__isnull=True),
                name="forum_follow_up_open_idx",
            )
        ]

    def __str__(self) -> str:
        return f"follow-up {self.pk} due {self.due_on}"


# The national action plan ---------------------------------------------------------------


class ActionStatus(models.TextChoices):
    PROPOSED = "PROPOSED", _("Proposed")
    ADOPTED = "ADOPTED", _("Adopted")
    IN_PROGRESS = "IN_PROGRESS", _("In progress")
    DONE = "DONE", _("Done")
    DROPPED = "DROPPED", _("Dropped")


OPEN_ACTION_STATUSES = frozenset(
    {ActionStatus.PROPOSED, ActionStatus.ADOPTED, ActionStatus.IN_PROGRESS}
)


class PlanAction(ReminderColumns):
    number = models.CharField(_("number"), max_length=20, unique=True)
    text = models.TextField(_("action"))
    indicator = models.CharField(_("indicator"), max_length=300, blank=True)
    lead = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lead organisation"),
    )
    partners = models.ManyToManyField(
        "organisations.Organisation", related_name="+", blank=True, verbose_name=_("partners")
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.PROPOSED
    )
    proposed_at_meeting = models.ForeignKey(
        ForumMeeting, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    adopted_by = models.ForeignKey(
        ForumDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.number


class ProgressNote(models.Model):
    action = models.ForeignKey(PlanAction, on_delete=models.PROTECT, related_name="progress")
    text = models.TextField(_("progress"))
    percent_done = models.PositiveSmallIntegerField(_("percent done"))
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self) -> str:
        return f"progress {self.pk}"


# Reminders ------------------------------------------------------------------------------


class NoticeKind(models.TextChoices):
    REMINDER = "REMINDER", _("Due soon")
    OVERDUE = "OVERDUE", _("Overdue")


class NoticeSubject(models.TextChoices):
    FOLLOW_UP = "FOLLOW_UP", _("Forum follow-up")
    ACTION = "ACTION", _("Action-plan action")


class CoordinationNotice(models.Model):
    """An in-app notice to the organisation that owns a follow-up or leads an action.

    `params` keeps what the sentence needs, so that each reader sees it in their language.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=NoticeKind.choices)
    subject = models.CharField(max_length=16, choices=NoticeSubject.choices)
    subject_id = models.BigIntegerField()
    params = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "created_at"])]
        constraints = [
            # The worker's claim already makes this so; the database keeps it so.
            models.UniqueConstraint(
                fields=["subject", "subject_id", "kind"], name="one_coordination_notice"
            )
        ]

    def __str__(self) -> str:
        return f"notice {self.pk}"


# Neighbour checks -----------------------------------------------------------------------


class NeighbourTopic(models.TextChoices):
    DEFINITION = "DEFINITION", _("Definition of the offence")
    INSPECTION = "INSPECTION", _("Labour inspection")
    PROSECUTION = "PROSECUTION", _("Prosecution")
    TARGETS = "TARGETS", _("Targets")
    RESIDENCE = "RESIDENCE", _("Residence of victims")
    CENTRES = "CENTRES", _("Specialised centres")
    RAPPORTEUR = "RAPPORTEUR", _("National rapporteur")
    COORDINATION = "COORDINATION", _("Coordination")


class NeighbourCheck(models.Model):
    """A comparison of this installation's mechanism with another country's. This side is
    drawn from the configuration when the page is shown; the other side is typed in."""

    title = models.CharField(_("title"), max_length=200)
    other_country = models.CharField(_("other country"), max_length=2)
    other_country_name = models.CharField(_("other country's name"), max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class NeighbourTopicEntry(models.Model):
    check_record = models.ForeignKey(
        NeighbourCheck, on_delete=models.PROTECT, related_name="entries"
    )
    topic = models.CharField(_("topic"), max_length=16, choices=NeighbourTopic.choices)
    other_practice = models.TextField(_("the other country's practice"), blank=True)
    other_figures = models.TextField(_("the other country's figures"), blank=True)
    other_sources = models.TextField(_("sources"), blank=True)
    what_works = models.TextField(_("what works"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["check_record", "topic"], name="one_entry_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.check_record_id} {self.topic}"
