"""Versions of the worker guide's text entered by the coordination unit.

The built-in text (nrm/guide/content.py) is the starting point; each edit adds a version
for one language, with its status (reviewed translation, draft, or pending) and who wrote
it. The guide shows the highest version of each language. Nothing is overwritten.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class GuideStatus(models.TextChoices):
    REVIEWED = "REVIEWED", _("Translation reviewed by a native speaker")
    DRAFT = "DRAFT", _("Draft translation, not yet reviewed")
    PENDING = "PENDING", _("No translation yet (English shown)")


class GuideTextVersion(models.Model):
    language = models.CharField(_("language"), max_length=16)
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=16, choices=GuideStatus.choices)
    texts = models.JSONField(_("texts"), default=dict)
    change_note = models.CharField(_("what changed and why"), max_length=500)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["language", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["language", "number"], name="one_guide_version_number")
        ]

    def __str__(self) -> str:
        return f"guide {self.language} v{self.number}"
