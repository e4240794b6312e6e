"""Yearly targets of trafficking-focused inspections: figures, chart and CSV export.

An inspection counts towards its team's target in the year it was carried out, once it is
carried out or reported, when it is trafficking-focused (PRODUCT CHOICE: the report may lag
the inspection; the NSSO's own counting rule is not known to us). The default target of
100 a year per team comes from the seed note and is UNVERIFIED (RULES.md §5); the
coordinating level sets each team's own figure.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pygal
from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from pygal.style import Style

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import purpose_for
from nrm.core.errors import PermissionDenied
from nrm.inspections import permissions
from nrm.inspections.models import Inspection, InspectionTarget
from nrm.inspections.vocab import InspectionOutcome, InspectionStatus, Sector
from nrm.organisations.models import Organisation, OrganisationType

DEFAULT_TARGET = 100  # per team and year: the seed note's figure, UNVERIFIED (RULES.md §5)
DONE = (InspectionStatus.CARRIED_OUT, InspectionStatus.REPORTED)


def default_target() -> int:
    return int(getattr(settings, "NRM_INSPECTION_TARGET_DEFAULT", DEFAULT_TARGET))


@dataclass(frozen=True)
class Progress:
    label: str
    target: int
    target_is_default: bool
    done: int
    reported: int
    expected_by_now: int
    team: Organisation | None = None

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.target) if self.target else 0

    @property
    def on_track(self) -> bool:
        return self.done >= self.expected_by_now


@dataclass
class Dashboard:
    year: int
    until: date
    teams: list[Progress]
    national: Progress
    by_sector: list[tuple[str, str, int]] = field(default_factory=list)
    by_outcome: list[tuple[str, str, int]] = field(default_factory=list)
    every_team: bool = False


def _share_of_year(year: int, until: date) -> float:
    start = date(year, 1, 1)
    end = date(year, 12, 31)
    if until < start:
        return 0.0
    if until >= end:
        return 1.0
    return ((until - start).days + 1) / ((end - start).days + 1)


def dashboard(actor: Actor, *, year: int, today: date) -> Dashboard:
    """Year to date against target per team and nationally, with breakdowns.

    Five queries whatever the number of teams. A team's members see their own team and the
    national total; the coordinating level sees every team.
    """
    if not permissions.may_view_targets(actor):
        raise PermissionDenied(_("Your role does not follow the inspection targets."))
    every_team = permissions.sees_every_team(actor)
    until = min(today, date(year, 12, 31))
    share = _share_of_year(year, until)
    teams = list(
        Organisation.objects.filter(
            type=OrganisationType.LABOUR_INSPECTION_TEAM, is_active=True
        ).order_by("name")
    )
    set_targets = dict(InspectionTarget.objects.filter(year=year).values_list("team_id", "target"))
    done_in_year = Inspection.objects.filter(
        trafficking_focused=True,
        status__in=DONE,
        carried_out_on__gte=date(year, 1, 1),
        carried_out_on__lte=until,
    )
    counts = {
        row["team_id"]: row
        for row in done_in_year.values("team_id").annotate(
            done=Count("pk"), reported=Count("pk", filter=Q(status=InspectionStatus.REPORTED))
        )
    }
    progress: list[Progress] = []
    for team in teams:
        target = set_targets.get(team.pk)
        row = counts.get(team.pk, {})
        effective = target if target is not None else default_target()
        progress.append(
            Progress(
                label=str(team),
                target=effective,
                target_is_default=target is None,
                done=row.get("done", 0),
                reported=row.get("reported", 0),
                expected_by_now=round(effective * share),
                team=team,
            )
        )
    total_target = sum(p.target for p in progress)
    national = Progress(
        label=_("National"),
        target=total_target,
        target_is_default=all(p.target_is_default for p in progress),
        done=sum(p.done for p in progress),
        reported=sum(p.reported for p in progress),
        expected_by_now=round(total_target * share),
    )
    scope = done_in_year
    if not every_team:
        progress = [
            p for p in progress if p.team is not None and p.team.pk == actor.organisation_id
        ]
        scope = scope.filter(team_id=actor.organisation_id)
    sectors = dict(Sector.choices)
    outcomes = dict(InspectionOutcome.choices)
    by_sector = [
        (row["sector"], str(sectors.get(row["sector"], row["sector"])), row["n"])
        for row in scope.values("sector").annotate(n=Count("pk")).order_by("-n", "sector")
    ]
    by_outcome = [
        (row["outcome"], str(outcomes.get(row["outcome"], row["outcome"])), row["n"])
        for row in scope.filter(status=InspectionStatus.REPORTED)
        .values("outcome")
        .annotate(n=Count("pk"))
        .order_by("-n", "outcome")
    ]
    return Dashboard(
        year=year,
        until=until,
        teams=progress,
        national=national,
        by_sector=by_sector,
        by_outcome=by_outcome,
        every_team=every_team,
    )


def team_progress(actor: Actor, *, today: date) -> Progress | None:
    """The actor's own team this year, for its home page; None for those who do not follow it."""
    if not permissions.may_view_targets(actor) or permissions.sees_every_team(actor):
        return None
    board = dashboard(actor, year=today.year, today=today)
    return board.teams[0] if board.teams else None


# Chart ---------------------------------------------------------------------------------

_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1b1f24",
    foreground_strong="#1b1f24",
    foreground_subtle="#4a5561",
    colors=("#0b5cad", "#8a4b00", "#1a6b35"),
    font_family="system-ui, sans-serif",
    title_font_size=18,
    label_font_size=14,
    major_label_font_size=14,
    value_font_size=14,
    legend_font_size=14,
)


CHART_WIDTH = 480  # readable on a phone, scaled down by the page's CSS if narrower


def _without_scripts(root: Any) -> Any:
    """pygal always writes a small configuration script; a static chart needs none."""
    for parent in list(root.iter()):
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return root


def chart_svg(board: Dashboard) -> bytes:
    """Done, expected by now and target per team, as a static SVG (no script in it)."""
    chart = pygal.HorizontalBar(
        style=_STYLE,
        js=[],  # no tooltips script: the figures are in the table beside the chart
        disable_xml_declaration=False,
        width=CHART_WIDTH,
        height=max(300, 90 * len(board.teams) + 160),
        legend_at_bottom=True,
        print_values=True,
        truncate_label=-1,
        truncate_legend=-1,
        y_labels_major_count=5,
        show_minor_y_labels=False,
        title=_("Trafficking-focused inspections in %(year)s") % {"year": board.year},
    )
    chart.add_xml_filter(_without_scripts)
    chart.x_labels = [p.label for p in board.teams]
    chart.add(_("Done"), [p.done for p in board.teams])
    chart.add(_("Expected by now"), [p.expected_by_now for p in board.teams])
    chart.add(_("Target"), [p.target for p in board.teams])
    rendered: bytes = chart.render()
    return rendered


# Export --------------------------------------------------------------------------------


def _cell(value: object) -> object:
    """Text that a spreadsheet would read as a formula is quoted (CSV injection)."""
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


def _write(writer: Any, row: list[object]) -> None:
    writer.writerow([_cell(value) for value in row])


def export_csv(actor: Actor, board: Dashboard) -> str:
    """Teams, then the national total, then the breakdowns; the export is audited."""
    out = io.StringIO()
    writer = csv.writer(out)
    _write(
        writer,
        [
            _("Table"),
            _("Team or category"),
            _("Year"),
            _("Target"),
            _("Default target"),
            _("Done"),
            _("Reported"),
            _("Expected by now"),
            _("Percent of target"),
        ],
    )
    for p in [*board.teams, board.national]:
        _write(
            writer,
            [
                _("team") if p.team is not None else _("national"),
                p.label,
                board.year,
                p.target,
                _("yes") if p.target_is_default else _("no"),
                p.done,
                p.reported,
                p.expected_by_now,
                p.percent,
            ],
        )
    for code, label, n in board.by_sector:
        _write(writer, [_("sector"), f"{code} {label}", board.year, "", "", n, "", "", ""])
    for code, label, n in board.by_outcome:
        _write(writer, [_("outcome"), label or code, board.year, "", "", "", n, "", ""])
    audit_record(
        actor=actor,
        event_type=AuditEventType.EXPORT,
        action="targets_export",
        record_type=InspectionTarget._meta.label_lower,
        record_id=str(board.year),
        purpose=purpose_for(actor),
        changes={"year": board.year, "teams": [p.label for p in board.teams]},
    )
    return out.getvalue()
