"""Charts of published tables: static SVG (pygal), embedded as data URIs.

A chart shows only what the table publishes: a suppressed value is a gap, never a bar, so
the chart gives away nothing the table does not.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

import pygal
from pygal.style import Style

if TYPE_CHECKING:
    from nrm.statistics.queries import Table

_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1b1f24",
    foreground_strong="#1b1f24",
    foreground_subtle="#4a5561",
    colors=("#0b5cad", "#8a4b00", "#1a6b35", "#6b1a5c", "#4a5561", "#b00020"),
    font_family="Helvetica, Arial, sans-serif",
    title_font_size=16,
    label_font_size=12,
    major_label_font_size=12,
    value_font_size=12,
    legend_font_size=12,
)


def _without_scripts(root: Any) -> Any:
    """pygal always writes a small configuration script; a static chart needs none."""
    for parent in list(root.iter()):
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return root


def bar_chart(table: Table) -> str:
    """A data: URI of the table's bar chart (series: a line per row over the years)."""
    shown = table.shown
    if table.series:
        chart = pygal.Line(style=_STYLE, js=[], width=640, height=320, legend_at_bottom=True)
        chart.x_labels = table.column_labels
        for label, cells in zip(table.row_labels, shown.cells, strict=True):
            chart.add(label, list(cells))
    else:
        chart = pygal.Bar(
            style=_STYLE,
            js=[],
            width=640,
            height=320,
            legend_at_bottom=True,
            truncate_label=-1,
            x_label_rotation=20,
            show_legend=table.column_dimension is not None,
        )
        chart.x_labels = table.row_labels
        for j, label in enumerate(table.column_labels):
            chart.add(label, [row[j] for row in shown.cells])
    chart.add_xml_filter(_without_scripts)
    svg: bytes = chart.render()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
