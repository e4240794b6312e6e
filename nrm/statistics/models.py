"""The statistics release table: one de-identified row per counted unit of one figure.

Each figure of the catalogue (`nrm/statistics/figures.py`) counts one kind of unit (a
presumed victim referred in a year, a suspect named in a case file, a decision...). A
refresh extracts, for a year, one `Fact` per unit from the records of the other apps with
one INSERT ... SELECT per figure; tables are then GROUP BY queries on this one indexed table.
Only categories are kept (sex, minor or adult, first nationality, form of exploitation,
sector, region, referring organisation type, status phase): no name, no reference, no date
finer than the year. `unit_key` is the source row's key, used only to count each unit once;
it never leaves the statistics module.

Rows with `generated=True` are the demo's generated history (`nrm/demo/history.py`): labelled
as generated on every page and in every report, never official figures.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Fact(models.Model):
    figure = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField()
    unit_key = models.BigIntegerField()
    form = models.CharField(max_length=24, blank=True, default="")
    sector = models.CharField(max_length=1, blank=True, default="")
    sex = models.CharField(max_length=20, blank=True, default="")
    age_group = models.CharField(max_length=8, blank=True, default="")
    nationality = models.CharField(max_length=2, blank=True, default="")
    region = models.CharField(max_length=20, blank=True, default="")
    referrer = models.CharField(max_length=32, blank=True, default="")
    phase = models.CharField(max_length=32, blank=True, default="")
    category = models.CharField(max_length=32, blank=True, default="")
    # A second category of the figure's own (a sentence's suspension).
    detail = models.CharField(max_length=24, blank=True, default="")
    amount_eur = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    generated = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("statistical unit")
        verbose_name_plural = _("statistical units")
        indexes = [models.Index(fields=["figure", "year"], name="fact_figure_year_idx")]

    def __str__(self) -> str:
        return f"{self.figure} {self.year}"


class Refresh(models.Model):
    """When a year's facts were last extracted, so that pages can say how fresh they are."""

    year = models.PositiveSmallIntegerField(unique=True)
    refreshed_at = models.DateTimeField(default=timezone.now)
    units = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"refresh {self.year}"


class RecommendationStatus(models.TextChoices):
    OPEN = "OPEN", _("Open")
    PARTLY = "PARTLY", _("Partly implemented")
    IMPLEMENTED = "IMPLEMENTED", _("Implemented")
    REJECTED = "REJECTED", _("Rejected")


class Recommendation(models.Model):
    """A recommendation of the independent rapporteur, addressed to one organisation."""

    year = models.PositiveSmallIntegerField(_("year"))
    text = models.TextField(_("recommendation"))
    addressee = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("addressed to"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )
    follow_up = models.TextField(_("follow-up notes"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return f"recommendation {self.pk}"
