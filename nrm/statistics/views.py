"""The rapporteur's statistics pages; the coordinator sees the same figures.

Only protected aggregates reach these pages (`queries.py`); no link leads to a person.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nrm.access.context import Actor
from nrm.access.policy import Ability, decide
from nrm.core.errors import DomainError, PermissionDenied
from nrm.core.http import actor_view, form_error, no_store
from nrm.statistics import actions
from nrm.statistics.charts import bar_chart
from nrm.statistics.figures import DIMENSIONS, FIGURES
from nrm.statistics.forms import RecommendationForm
from nrm.statistics.models import RecommendationStatus
from nrm.statistics.queries import (
    BadParameter,
    last_refresh,
    policy,
    rapporteur_civil_party_cases,
    recommendation_get_for_actor,
    recommendations_visible_to,
    require_statistics,
    statistics_tables,
    years_with_data,
)
from nrm.statistics.report import FORMATS, report_build
from nrm.statistics.report import render as render_report

_CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _bad(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return render(request, "statistics/bad_request.html", {"reason": exc.message}, status=400)


def _year(request: HttpRequest, years: list[int]) -> int:
    raw = request.GET.get("year") or request.POST.get("year") or ""
    if not raw:
        return years[0] if years else timezone.localdate().year
    if not raw.isdigit():
        raise BadParameter(_("The year must be a number such as 2025."), field="year")
    return int(raw)


@actor_view
def index(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_statistics(actor)
    years = years_with_data()
    figure = request.GET.get("figure") or None
    rows = request.GET.get("rows") or None
    columns = request.GET.get("columns") or None
    try:
        year = _year(request, years)
        tables = (
            statistics_tables(actor, year=year, figure=figure, rows=rows, columns=columns)
            if years or request.GET.get("year")
            else []
        )
    except BadParameter as exc:
        return _bad(request, exc)
    for table in tables:
        table.chart = bar_chart(table)
    context = {
        "year": year,
        "years": years,
        "tables": tables,
        "figures": list(FIGURES.values()),
        "dimensions": [d for d in DIMENSIONS.values() if d.key != "year"],
        "figure": figure,
        "rows": rows,
        "columns": columns,
        "threshold": policy().threshold,
        "generated": any(t.generated for t in tables),
        "refreshed": last_refresh(year),
        "formats": [f for f in FORMATS if f != "html"],
        "may_civil_party": decide(actor, Ability.STATISTICS_VIEW).allowed,
    }
    return no_store(render(request, "statistics/index.html", context))


@require_POST
@actor_view
def refresh(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_statistics(actor)
    try:
        year = _year(request, [])
    except BadParameter as exc:
        return _bad(request, exc)
    actions.facts_refresh(actor=actor, year=year)
    return HttpResponseRedirect(f"{reverse('statistics:index')}?year={year}")


@actor_view
def report(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_statistics(actor)
    try:
        built = report_build(actor, year=_year(request, years_with_data()))
    except BadParameter as exc:
        return _bad(request, exc)
    return no_store(HttpResponse(render_report(built, "html"), content_type=_CONTENT_TYPES["html"]))


@actor_view
def report_download(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_statistics(actor)
    fmt = request.GET.get("format", "")
    if fmt not in FORMATS:
        message = _("Choose one of the formats: %(formats)s.") % {"formats": ", ".join(FORMATS)}
        return _bad(request, BadParameter(message))
    try:
        built = report_build(actor, year=_year(request, years_with_data()))
    except BadParameter as exc:
        return _bad(request, exc)
    response = HttpResponse(render_report(built, fmt), content_type=_CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="annual-report-{built.year}.{fmt}"'
    return no_store(response)


@actor_view
def recommendations(request: HttpRequest, actor: Actor) -> HttpResponse:
    may_edit = decide(actor, Ability.STATISTICS_VIEW).allowed
    form = RecommendationForm(request.POST or None) if may_edit else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Only the rapporteur records recommendations."))
        if form.is_valid():
            try:
                actions.recommendation_create(
                    actor=actor,
                    year=form.cleaned_data["year"],
                    text=form.cleaned_data["text"],
                    addressee=form.cleaned_data["addressee"],
                )
                return HttpResponseRedirect(reverse("statistics:recommendations"))
            except DomainError as exc:
                form_error(form, exc)
        status = 400
    context = {
        "recommendations": list(recommendations_visible_to(actor)),
        "form": form,
        "may_edit": may_edit,
        "statuses": RecommendationStatus.choices,
    }
    return render(request, "statistics/recommendations.html", context, status=status)


@require_POST
@actor_view
def recommendation_follow_up_view(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    recommendation = recommendation_get_for_actor(actor, pk)
    if not decide(actor, Ability.STATISTICS_VIEW).allowed:
        raise PermissionDenied(_("Only the rapporteur follows up recommendations."))
    try:
        actions.recommendation_follow_up(
            actor=actor,
            recommendation=recommendation,
            status=request.POST.get("status", ""),
            note=request.POST.get("note", ""),
        )
    except DomainError as exc:
        return _bad(request, exc)
    return HttpResponseRedirect(reverse("statistics:recommendations"))


@actor_view
def civil_party(request: HttpRequest, actor: Actor) -> HttpResponse:
    cases = rapporteur_civil_party_cases(actor)
    return no_store(render(request, "statistics/civil_party.html", {"cases": cases}))
