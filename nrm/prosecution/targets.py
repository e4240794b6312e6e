"""Yearly targets of trafficking cases per prosecution office: actual against target.

PRODUCT CHOICE: a case counts towards its office's target in the year the investigation was
opened (the office took the case on); the dashboard also shows the later stages (brought
before the court, conviction for trafficking requested, judged) and dismissals, so that an
office meeting its target with cases that go nowhere is visible. The seed note says targets
exist so that easier cases do not crowd out these resource-heavy ones; it gives no figure:
the default is a setting, shown as a product default.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.core.errors import PermissionDenied
from nrm.organisations.models import Organisation, OrganisationType
from nrm.prosecution import config, permissions, workflow
from nrm.prosecution.models import CaseDecision, CaseFile, ProsecutionTarget

# The decisions the dashboard counts, by column.
COLUMNS = (
    ("investigations", workflow.OPEN_INVESTIGATION.name),
    ("indicted", workflow.INDICT.name),
    ("conviction_requested", workflow.REQUEST_CONVICTION.name),
    ("judged", workflow.RECORD_JUDGMENT.name),
    ("dismissed", workflow.DISMISS.name),
)


@dataclass(frozen=True)
class OfficeProgress:
    label: str
    office: Organisation | None
    target: int
    target_is_default: bool
    registered: int
    investigations: int
    indicted: int
    conviction_requested: int
    judged: int
    dismissed: int
    expected_by_now: int

    @property
    def percent(self) -> int:
        return round(100 * self.investigations / self.target) if self.target else 0

    @property
    def on_track(self) -> bool:
        return self.investigations >= self.expected_by_now


@dataclass
class Dashboard:
    year: int
    until: date
    offices: list[OfficeProgress]
    national: OfficeProgress
    default: config.SourcedRule
    every_office: bool


def _share_of_year(year: int, until: date) -> float:
    start, end = date(year, 1, 1), date(year, 12, 31)
    if until < start:
        return 0.0
    if until >= end:
        return 1.0
    return ((until - start).days + 1) / ((end - start).days + 1)


def dashboard(actor: Actor, *, year: int, today: date) -> Dashboard:
    """Four queries whatever the number of offices. A prosecutor sees their office and the
    national total; the coordinating level sees every office."""
    if not permissions.may_view_case_targets(actor):
        raise PermissionDenied(_("Your role does not follow the case targets."))
    every_office = permissions.sees_every_office(actor)
    until = min(today, date(year, 12, 31))
    share = _share_of_year(year, until)
    default = config.case_target_default()
    offices = list(
        Organisation.objects.filter(
            type=OrganisationType.PROSECUTION_OFFICE, is_active=True
        ).order_by("name")
    )
    targets = dict(ProsecutionTarget.objects.filter(year=year).values_list("office_id", "target"))
    counts: dict[tuple[int, str], int] = {
        (row["case__office_id"], row["transition"]): row["n"]
        for row in CaseDecision.objects.filter(
            decided_on__gte=date(year, 1, 1),
            decided_on__lte=until,
            transition__in=[name for _column, name in COLUMNS],
        )
        .values("case__office_id", "transition")
        .annotate(n=Count("case_id", distinct=True))
    }
    registered = dict(
        CaseFile.objects.filter(opened_on__gte=date(year, 1, 1), opened_on__lte=until)
        .values("office_id")
        .annotate(n=Count("pk"))
        .values_list("office_id", "n")
    )
    rows = []
    for office in offices:
        set_target = targets.get(office.pk)
        target = set_target if set_target is not None else (default.value or 0)
        values = {column: counts.get((office.pk, name), 0) for column, name in COLUMNS}
        rows.append(
            OfficeProgress(
                label=str(office),
                office=office,
                target=target,
                target_is_default=set_target is None,
                registered=registered.get(office.pk, 0),
                expected_by_now=round(target * share),
                **values,
            )
        )
    total_target = sum(r.target for r in rows)
    national = OfficeProgress(
        label=_("All offices"),
        office=None,
        target=total_target,
        target_is_default=all(r.target_is_default for r in rows),
        registered=sum(r.registered for r in rows),
        investigations=sum(r.investigations for r in rows),
        indicted=sum(r.indicted for r in rows),
        conviction_requested=sum(r.conviction_requested for r in rows),
        judged=sum(r.judged for r in rows),
        dismissed=sum(r.dismissed for r in rows),
        expected_by_now=round(total_target * share),
    )
    if not every_office:
        rows = [r for r in rows if r.office is not None and r.office.pk == actor.organisation_id]
    return Dashboard(year, until, rows, national, default, every_office)


def office_progress(actor: Actor, *, today: date) -> OfficeProgress | None:
    """The actor's own office this year, for the home page; None for other roles."""
    if not permissions.is_prosecutor(actor):
        return None
    board = dashboard(actor, year=today.year, today=today)
    return board.offices[0] if board.offices else None
