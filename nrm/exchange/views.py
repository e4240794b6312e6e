"""Pages of the exchange app, for the rapporteur and the coordinator only (others: 404)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nrm.access.context import Actor
from nrm.core.http import actor_view, no_store
from nrm.exchange.queries import htcds_export, import_batches_for


@actor_view
def index(request: HttpRequest, actor: Actor) -> HttpResponse:
    batches = list(import_batches_for(actor)[:50])
    return no_store(render(request, "exchange/index.html", {"batches": batches}))


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
