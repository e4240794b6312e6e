"""An installation's own screening questions: installation data, not code.

The legal frameworks' indicators (ILO, ILO-EC, Belgian human dignity) live in `nrm/law` and
change only with a release; these questions are added, revised and retired by the
coordination unit at run time. They are marked local everywhere, and nothing here feeds
the legal suggestion (`nrm/inspections/suggestion.py`) or the qualification.

A question keeps every version: a change of wording, kind or choices is a new version, and
an answer names the version it answered, so an answer is always read with the words the
worker was asked.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedTextField


class QuestionKind(models.TextChoices):
    YES_NO = "YES_NO", _("Yes or no")
    CHOICE = "CHOICE", _("One choice from a list")
    NUMBER = "NUMBER", _("A number")
    TEXT = "TEXT", _("A short text")


class QuestionStatus(models.TextChoices):
    ACTIVE = "ACTIVE", _("Asked at screenings")
    RETIRED = "RETIRED", _("Retired: no longer asked")


class LocalQuestion(models.Model):
    """One local question, under a stable code that survives its versions."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=QuestionStatus.choices,
        default=QuestionStatus.ACTIVE,
        editable=False,
    )
    # Where it stands on the screening form among the local questions.
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    current = models.ForeignKey(
        "LocalQuestionVersion",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        editable=False,
    )
    # Optimistic concurrency for the page: a change names the version it was made on.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("local question")
        verbose_name_plural = _("local questions")

    def __str__(self) -> str:
        return self.code


class LocalQuestionVersion(models.Model):
    """One version of a question: its words in each language, its kind and choices.

    Never changed once written. `texts`, `help` map a language code to a text; `choices` is
    a list of `{"code": ..., "texts": {language: label}}`; the installation's default
    language is always present (the fallback of the other languages).
    """

    question = models.ForeignKey(LocalQuestion, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    kind = models.CharField(_("kind of answer"), max_length=8, choices=QuestionKind.choices)
    texts = models.JSONField(_("question"), default=dict)
    help = models.JSONField(_("help text"), default=dict, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    # For numbers: the bounds an answer must keep (decimal strings; "" for none).
    minimum = models.CharField(_("smallest answer"), max_length=24, blank=True)
    maximum = models.CharField(_("largest answer"), max_length=24, blank=True)
    change_note = models.CharField(_("what changed and why"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # Who wrote it when no user did: the operator's shell loading a file (`cli:<login>`).
    created_by_label = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["question", "-number"]
        verbose_name = _("local question version")
        verbose_name_plural = _("local question versions")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "number"], name="one_local_question_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id} v{self.number}"

    def definition(self) -> dict[str, Any]:
        """What a new version is compared with: a change of any of these is a new version."""
        return {
            "kind": self.kind,
            "texts": dict(self.texts),
            "help": dict(self.help),
            "choices": list(self.choices),
            "minimum": self.minimum,
            "maximum": self.maximum,
        }


class LocalAnswer(models.Model):
    """The answer given at one screening to one version of a local question.

    The value may describe the worker (a text, a fact of their situation): encrypted at
    rest, never written to the audit trail.
    """

    screening = models.ForeignKey(
        "inspections.Screening", on_delete=models.PROTECT, related_name="local_answers"
    )
    question = models.ForeignKey(LocalQuestion, on_delete=models.PROTECT, related_name="answers")
    question_version = models.ForeignKey(
        LocalQuestionVersion, on_delete=models.PROTECT, related_name="answers"
    )
    # The canonical answer: "yes"/"no", a choice's code, a decimal number, or the text.
    value = EncryptedTextField(_("answer"))
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["screening", "question__position", "question__code"]
        verbose_name = _("local answer")
        verbose_name_plural = _("local answers")
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "question"], name="a_local_question_once_per_screening"
            )
        ]

    def __str__(self) -> str:
        return f"{self.screening_id}: {self.question_id}"
