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
    distinct_persons_across_sources,
    htcds_export,
    import_batches_for,
    platform_mse,
)


@actor_view
def index(request: HttpRequest, actor: Actor) -> HttpResponse:
    batches = list(import_batches_for(actor)[:50])
    context = {"batches": batches, "distinct": distinct_persons_across_sources(actor)}
    return no_store(render(request, "exchange/index.html", context))


@require_POST
@actor_view
def linkage_refresh(request: HttpRequest, actor: Actor) -> HttpResponse:
    import_batches_for(actor)  # 404 for the roles that do not read statistics
    computed = linkage_keys_refresh(actor=actor)
    messages.success(
        request,
        ngettext(
            "%(count)s linkage key computed.", "%(count)s linkage keys computed.", computed
        )
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
    context = {"result": result, "warnings": warnings, "cells": result.cells}
    return no_store(render(request, "exchange/mse.html", context))
