"""Yearly targets of trafficking-focused inspections: figures, chart and CSV export.

An inspection counts in the year it was carried out, once it is carried out or reported,
when it is trafficking-focused (PRODUCT CHOICE: the report may lag the inspection; the
NSSO's own counting rule is not known to us).

The political target is national: 100 trafficking-focused inspections a year for all the
ECOSOC teams together (240 were done in 2024), not 100 per team (seed note; issue 9 §5;
UNVERIFIED, RULES.md §10 item 8). It is a setting (`NRM_INSPECTION_NATIONAL_TARGET`). A
team has its own yearly share only where the coordinating level sets one; otherwise the
dashboard shows its contribution to the national figure.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pygal
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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

# All ECOSOC teams together, per year: the seed note's figure, UNVERIFIED.
DEFAULT_NATIONAL_TARGET = 100
NATIONAL_TARGET_SOURCE = gettext_lazy(
    "Seed note (Danish Centre against Human Trafficking, December 2024): the political "
    "target is 100 trafficking-focused inspections a year for all the ECOSOC teams "
    "together; 240 were done in 2024. Not verified in an official text."
)
DONE = (InspectionStatus.CARRIED_OUT, InspectionStatus.REPORTED)


def national_target() -> int:
    value = int(getattr(settings, "NRM_INSPECTION_NATIONAL_TARGET", DEFAULT_NATIONAL_TARGET))
    if value < 0:
        raise ImproperlyConfigured("NRM_INSPECTION_NATIONAL_TARGET must be 0 or more.")
    return value


@dataclass(frozen=True)
class Progress:
    """A team (its share of the national target, if one is set) or the national total."""

    label: str
    # None: a team without its own share; it counts towards the national target.
    target: int | None
    target_is_default: bool
    done: int
    reported: int
    expected_by_now: int | None
    team: Organisation | None = None
    # Percent of all inspections done nationally this year (teams only).
    share_of_national: int | None = None

    @property
    def percent(self) -> int | None:
        if self.target is None:
            return None
        return round(100 * self.done / self.target) if self.target else 0

    @property
    def on_track(self) -> bool:
        return self.expected_by_now is None or self.done >= self.expected_by_now


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
    year_share = _share_of_year(year, until)
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
    national_done = sum(row["done"] for row in counts.values())
    progress: list[Progress] = []
    for team in teams:
        share = set_targets.get(team.pk)
        row = counts.get(team.pk, {})
        done = row.get("done", 0)
        progress.append(
            Progress(
                label=str(team),
                target=share,
                target_is_default=False,
                done=done,
                reported=row.get("reported", 0),
                expected_by_now=round(share * year_share) if share is not None else None,
                team=team,
                share_of_national=round(100 * done / national_done) if national_done else 0,
            )
        )
    target = national_target()
    national = Progress(
        label=_("National"),
        target=target,
        target_is_default=True,
        done=national_done,
        reported=sum(row["reported"] for row in counts.values()),
        expected_by_now=round(target * year_share),
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
    """For a team's home page: its own share if one is set, else the national figure it
    contributes to; None for those who do not follow targets."""
    if not permissions.may_view_targets(actor) or permissions.sees_every_team(actor):
        return None
    board = dashboard(actor, year=today.year, today=today)
    if board.teams and board.teams[0].target is not None:
        return board.teams[0]
    return board.national


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
    """The national line against its target: one bar stacking each team's contribution,
    one for what was expected by now, one for the target; static SVG, no script."""
    chart = pygal.HorizontalStackedBar(
        style=_STYLE,
        js=[],  # no tooltips script: the figures are in the table beside the chart
        disable_xml_declaration=False,
        width=CHART_WIDTH,
        height=max(300, 40 * len(board.teams) + 260),
        legend_at_bottom=True,
        print_values=True,
        truncate_label=-1,
        truncate_legend=-1,
        y_labels_major_count=5,
        show_minor_y_labels=False,
        title=_("Trafficking-focused inspections in %(year)s, all teams") % {"year": board.year},
    )
    chart.add_xml_filter(_without_scripts)
    chart.x_labels = [_("Done"), _("Expected by now"), _("National target")]
    for p in board.teams:
        chart.add(p.label, [p.done or None, None, None])
    chart.add(_("Expected by now"), [None, board.national.expected_by_now, None])
    chart.add(_("National target"), [None, None, board.national.target])
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
            _("Share of the national total"),
        ],
    )
    for p in [*board.teams, board.national]:
        _write(
            writer,
            [
                _("team") if p.team is not None else _("national"),
                p.label,
                board.year,
                "" if p.target is None else p.target,
                _("yes") if p.target_is_default else _("no"),
                p.done,
                p.reported,
                "" if p.expected_by_now is None else p.expected_by_now,
                "" if p.percent is None else p.percent,
                "" if p.share_of_national is None else p.share_of_national,
            ],
        )
    for code, label, n in board.by_sector:
        _write(writer, [_("sector"), f"{code} {label}", board.year, "", "", n, "", "", "", ""])
    for code, label, n in board.by_outcome:
        _write(writer, [_("outcome"), label or code, board.year, "", "", "", n, "", "", ""])
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
