"""The annual report: every table of the year, protected, in HTML, PDF, CSV, XLSX or JSON.

The JSON shape is fixed by CONTRACTS.md §3. Files are written to a temporary file beside
the target and renamed into place, so that a failed run leaves nothing half-written.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Purpose
from nrm.access.policy import purpose_for
from nrm.statistics.charts import bar_chart
from nrm.statistics.figures import FIGURES, Figure
from nrm.statistics.models import Fact, Recommendation
from nrm.statistics.queries import (
    SERIES_YEARS,
    Table,
    build_tables,
    generated_years,
    policy,
    report_requests,
    require_statistics,
    require_year,
    series_counts,
    series_table,
)

FORMATS = ("html", "pdf", "csv", "json", "xlsx")


class ReportError(Exception):
    """The report cannot be written (a bad path): nothing was written."""


@dataclass
class KeyFigure:
    figure: Figure
    value: int | None
    money: bool


@dataclass
class Report:
    year: int
    installation: str
    generated_at: datetime
    tables: list[Table]
    key_figures: list[KeyFigure]
    recommendations: list[Recommendation]
    generated: bool

    @property
    def threshold(self) -> int:
        return policy().threshold

    def sections(self) -> list[tuple[Figure, list[Table]]]:
        """Tables grouped by figure, in the catalogue's order (the contents list)."""
        grouped: dict[str, list[Table]] = {}
        for table in self.tables:
            grouped.setdefault(table.figure.id, []).append(table)
        return [(FIGURES[key], tables) for key, tables in grouped.items()]


def report_build(
    actor: Actor | None, *, year: int, progress: Callable[[Iterable[Any]], Iterable[Any]] = iter
) -> Report:
    """Every table of the year's report; `progress` wraps the loop (a progress bar)."""
    if actor is not None:
        require_statistics(actor)
    requests = report_requests()
    by_figure: dict[str, list[Any]] = {}
    for request in requests:
        by_figure.setdefault(request.figure, []).append(request)
    require_year(year)
    generated = generated_years()
    totals = series_counts(range(year - SERIES_YEARS + 1, year + 1))
    tables: list[Table] = []
    for figure_id in progress(list(by_figure)):
        # A figure's tables share margins: built and protected together.
        tables.extend(build_tables(year, by_figure[figure_id], generated=year in generated))
        tables.append(series_table(figure_id, year=year, generated=generated, totals=totals))
    key_figures = []
    for figure in FIGURES.values():
        first = next(t for t in tables if t.figure.id == figure.id and not t.series)
        key_figures.append(KeyFigure(figure, first.shown.total, figure.money))
    recommendations = list(
        Recommendation.objects.filter(year__lte=year).select_related("addressee")[:200]
    )
    report = Report(
        year=year,
        installation=settings.NRM_JURISDICTION,
        generated_at=timezone.localtime(),
        tables=tables,
        key_figures=key_figures,
        recommendations=recommendations,
        generated=year in generated,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.EXPORT,
        action="annual_report",
        record_type=Fact._meta.label_lower,
        record_id=str(year),
        purpose=purpose_for(actor) if actor is not None else Purpose.STATISTICS,
        changes={"year": year, "tables": len(tables)},
        actor_label="" if actor is not None else "cli",
    )
    return report


def as_json(report: Report) -> dict[str, object]:
    """CONTRACTS.md §3."""
    return {
        "year": report.year,
        "installation": report.installation,
        "generated_at": report.generated_at.isoformat(timespec="seconds"),
        "disclosure": {
            "threshold": report.threshold,
            "method": "primary and secondary suppression",
        },
        "tables": [table.as_contract() for table in report.tables],
    }


def _shown(value: int | None) -> str:
    return "" if value is None else str(value)


def table_rows(table: Table) -> list[list[str]]:
    """A table as text rows: header, one row per category with its total, the totals."""
    shown = table.shown
    rows = [["", *table.column_labels, _("Total")]]
    for label, cells, total in zip(table.row_labels, shown.cells, shown.row_totals, strict=True):
        rows.append([label, *map(_shown, cells), _shown(total)])
    rows.append([_("Total"), *map(_shown, shown.column_totals), _shown(shown.total)])
    return rows


def as_csv(report: Report) -> str:
    """Every table, one after another: id, title, unit, source, then its rows."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Annual report %(year)s") % {"year": report.year}])
    if report.generated:
        writer.writerow([str(GENERATED_NOTE)])
    writer.writerow([_("Suppressed values are left empty.")])
    for table in report.tables:
        writer.writerow([])
        writer.writerow([table.id, table.title])
        writer.writerow([_("Unit"), str(table.figure.unit)])
        writer.writerow([_("Source"), str(table.figure.source)])
        writer.writerows(table_rows(table))
    return out.getvalue()


def as_xlsx(report: Report) -> bytes:
    """One worksheet per table (its id, shortened to Excel's 31 characters) and a contents
    sheet."""
    from openpyxl import Workbook

    book = Workbook()
    contents = book.active
    contents.title = _("Contents")[:31]
    contents.append([_("Annual report %(year)s") % {"year": report.year}])
    if report.generated:
        contents.append([str(GENERATED_NOTE)])
    contents.append([_("Sheet"), _("Table"), _("Unit"), _("Source")])
    for number, table in enumerate(report.tables, start=1):
        name = f"{number:03d} {table.id}"[:31]
        contents.append([name, table.title, str(table.figure.unit), str(table.figure.source)])
        sheet = book.create_sheet(name)
        sheet.append([table.title])
        sheet.append([_("Unit"), str(table.figure.unit)])
        sheet.append([_("Source"), str(table.figure.source)])
        shown = table.shown
        sheet.append(["", *table.column_labels, _("Total")])
        for label, cells, total in zip(
            table.row_labels, shown.cells, shown.row_totals, strict=True
        ):
            sheet.append([label, *cells, total])
        sheet.append([_("Total"), *shown.column_totals, shown.total])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_html(report: Report) -> str:
    for table in report.tables:
        table.chart = bar_chart(table)
    return render_to_string("statistics/report.html", {"report": report})


def as_pdf(report: Report) -> bytes:
    """reportlab's platypus with its built-in Helvetica: no system font is needed."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import (
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        TableStyle,
    )
    from reportlab.platypus import Table as PdfTable

    styles = getSampleStyleSheet()
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=A4, title=_("Annual report %(year)s") % {"year": report.year}
    )

    def text(value: object, style: str = "BodyText") -> Paragraph:
        escaped = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return Paragraph(escaped, styles[style])

    story: list[Any] = [text(_("Annual report %(year)s") % {"year": report.year}, "Title")]
    if report.generated:
        story.append(text(GENERATED_NOTE, "Heading3"))
    story.append(text(DISCLOSURE_NOTE % {"threshold": report.threshold}))
    story.append(text(_("Contents"), "Heading2"))
    for number, (figure, _tables) in enumerate(report.sections(), start=1):
        story.append(text(f"{number}. {figure.title}"))
    story.append(text(_("Key figures"), "Heading2"))
    key_rows = [[text(_("Figure")), text(_("Value"))]]
    for key in report.key_figures:
        key_rows.append([text(key.figure.title), text(_shown(key.value) or "\u2013")])
    story.append(PdfTable(key_rows, colWidths=[360, 100]))
    for number, (figure, tables) in enumerate(report.sections(), start=1):
        story.append(PageBreak())
        story.append(text(f"{number}. {figure.title}", "Heading1"))
        story.append(text(_("Unit: %(unit)s") % {"unit": figure.unit}))
        story.append(text(_("Source: %(source)s") % {"source": figure.source}))
        story.append(text(figure.note))
        for table in tables:
            story.append(Spacer(1, 8))
            story.append(text(table.title, "Heading3"))
            rows = [[text(cell or "\u2013") for cell in row] for row in table_rows(table)]
            pdf_table = PdfTable(rows, repeatRows=1)
            pdf_table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                    ]
                )
            )
            story.append(pdf_table)
    if report.recommendations:
        story.append(PageBreak())
        story.append(text(_("Recommendations"), "Heading1"))
        for recommendation in report.recommendations:
            story.append(
                text(
                    _("%(year)s, to %(addressee)s (%(status)s): %(text)s")
                    % {
                        "year": recommendation.year,
                        "addressee": recommendation.addressee,
                        "status": recommendation.get_status_display(),
                        "text": recommendation.text,
                    }
                )
            )
    document.build(story)
    return out.getvalue()


def render(report: Report, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps(as_json(report), ensure_ascii=False, indent=2).encode()
    if fmt == "csv":
        return as_csv(report).encode()
    if fmt == "xlsx":
        return as_xlsx(report)
    if fmt == "pdf":
        return as_pdf(report)
    if fmt == "html":
        return as_html(report).encode()
    raise ReportError(_("Unknown format “%(format)s”.") % {"format": fmt})


def write_atomically(path: Path, content: bytes) -> None:
    """Write beside the target, then rename: the target is whole or untouched."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ReportError(_("%(path)s is a folder, not a file.") % {"path": path})
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ReportError(
            _("Cannot write to %(path)s: %(reason)s") % {"path": path, "reason": exc.strerror}
        ) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ReportError(
            _("Cannot write to %(path)s: %(reason)s") % {"path": path, "reason": exc.strerror}
        ) from exc


GENERATED_NOTE = gettext_lazy(
    "Generated demonstration data: these figures are invented for the demo and are not "
    "official statistics."
)
DISCLOSURE_NOTE = gettext_lazy(
    "Values below %(threshold)s are suppressed, with further values suppressed so that none "
    "can be worked back from the totals. Suppressed values are shown as a dash."
)
