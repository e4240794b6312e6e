"""Pages of the exchange app, for the rapporteur and the coordinator only (others: 404)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nrm.access.context import Actor
from nrm.core.http import actor_view, no_store
from nrm.exchange.actions import linkage_keys_refresh
from nrm.exchange.queries import (
    DistinctPersons,
    distinct_persons_across_sources,
    htcds_export,
    import_batches_for,
    platform_mse,
)
from nrm.statistics.disclosure import protect_list
from nrm.statistics.queries import policy

DASH = "\u2013"


def _published(counts: list[int]) -> list[str]:
    """A column of counts as the page may print it: small cells suppressed, with as many
    others as needed that none follows from the rest and the total (nrm/statistics)."""
    return [DASH if row[0] is None else str(row[0]) for row in protect_list(counts, policy()).cells]


def _published_total(count: int) -> str:
    total = protect_list([count], policy()).total
    return DASH if total is None else str(total)


def _published_distinct(distinct: DistinctPersons) -> dict[str, object]:
    """The counts of the distinct-persons card, each column protected (issue 11, item 9):
    a person on two lists counts in both, so the columns are protected as if their sums
    were printed, which is what the totals above them nearly are."""
    records = _published([records for _code, _label, records, _persons in distinct.by_list])
    persons = _published([persons for _code, _label, _records, persons in distinct.by_list])
    return {
        "records": _published_total(distinct.records),
        "distinct": _published_total(distinct.distinct),
        "by_list": [
            (label, shown_records, shown_persons)
            for (_code, label, _r, _p), shown_records, shown_persons in zip(
                distinct.by_list, records, persons, strict=True
            )
        ],
    }


@actor_view
def index(request: HttpRequest, actor: Actor) -> HttpResponse:
    batches = list(import_batches_for(actor)[:50])
    distinct = distinct_persons_across_sources(actor)
    context = {"batches": batches, "distinct": distinct, "published": _published_distinct(distinct)}
    return no_store(render(request, "exchange/index.html", context))


@require_POST
@actor_view
def linkage_refresh(request: HttpRequest, actor: Actor) -> HttpResponse:
    import_batches_for(actor)  # 404 for the roles that do not read statistics
    computed = linkage_keys_refresh(actor=actor)
    messages.success(
        request,
        ngettext("%(count)s linkage key computed.", "%(count)s linkage keys computed.", computed)
        % {"count": computed},
    )
    return redirect("exchange:index")


@actor_view
def htcds_download(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The de-identified HTCDS export, the same file as `nrm export htcds`."""
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
    export = htcds_export(actor, year=year)
    response = HttpResponse(export.csv_text(), content_type="text/csv; charset=utf-8")
    name = f"htcds-{year}.csv" if year else "htcds.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return no_store(response)


@actor_view
def mse_page(request: HttpRequest, actor: Actor) -> HttpResponse:
    """Multiple systems estimation on the platform's own de-duplicated lists."""
    result = platform_mse(actor)
    warnings = [w.render(_) for w in result.estimate.warnings] if result.estimate else []
    # The persons by combination of lists add up to the persons seen (printed above them):
    # protected as one column with that total, so no small combination can be worked back.
    shown = _published([count for _pattern, count in result.cells])
    cells = [(pattern, count) for (pattern, _n), count in zip(result.cells, shown, strict=True)]
    observed = _published_total(result.estimate.observed) if result.estimate else DASH
    context = {"result": result, "warnings": warnings, "cells": cells, "observed": observed}
    return no_store(render(request, "exchange/mse.html", context))
