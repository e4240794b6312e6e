"""De-identified figures for the rapporteur and the coordinators.

No identity is ever read here: only categories, aggregated by GROUP BY queries, and every
table goes through disclosure control (`nrm/statistics/disclosure.py`) before it leaves this
module, so that no count can single anyone out or be worked back from the others
(DESIGN principle 7).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import Case, CharField, Count, QuerySet, Sum, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, ExtractYear
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.access.policy import Ability, decide
from nrm.core.errors import DomainError, NotFound
from nrm.organisations.models import Region
from nrm.people.models import Person
from nrm.people.vocab import Gender, country_name
from nrm.statistics.disclosure import Policy, Protected, protect_list, protect_release
from nrm.statistics.figures import (
    DIMENSIONS,
    FIGURES,
    OTHER,
    OTHER_LABEL,
    UNKNOWN,
    UNKNOWN_LABEL,
    Dimension,
    Figure,
    category_labels,
)
from nrm.statistics.models import Fact, Recommendation, RecommendationStatus, Refresh

SERIES_YEARS = 10


class BadParameter(DomainError):
    """An unknown figure or dimension, or a year without data: a clear 400."""

    code = "bad_parameter"
    status = 400


def policy() -> Policy:
    return Policy(
        threshold=settings.NRM_SMALL_CELL,
        suppress_zeros=getattr(settings, "NRM_SUPPRESS_ZEROS", False),
        protection_range=getattr(settings, "NRM_PROTECTION_RANGE", None),
    )


def may_view_statistics(actor: Actor) -> bool:
    return (
        decide(actor, Ability.STATISTICS_VIEW).allowed
        or decide(actor, Ability.MECHANISM_OVERVIEW).allowed
    )


def require_statistics(actor: Actor) -> None:
    """Rapporteur and coordinator only; anyone else is told there is no such page."""
    if not may_view_statistics(actor):
        raise NotFound(_("No such page."))


# Home-page overview ------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    label: str
    count: int | None  # None: suppressed

    @property
    def shown(self) -> str:
        return str(self.count) if self.count is not None else "\u2013"


def suppress(counts: Iterable[tuple[str, int]]) -> list[Cell]:
    """A one-dimensional table through the disclosure control (primary and secondary)."""
    pairs = list(counts)
    protected = protect_list([n for _label, n in pairs], policy())
    return [
        Cell(label, row[0]) for (label, _n), row in zip(pairs, protected.cells, strict=True)
    ]


def age_band(age: int | None) -> str:
    if age is None:
        return _("Unknown")
    if age < 18:
        return _("Minor (under 18)")
    if age < 25:
        return "18-24"
    if age < 35:
        return "25-34"
    if age < 50:
        return "35-49"
    return _("50 and over")


_AGE_BANDS = [(18, "0-17"), (25, "18-24"), (35, "25-34"), (50, "35-49")]


@dataclass(frozen=True)
class Overview:
    total: int | None
    by_gender: list[Cell]
    by_age: list[Cell]
    by_nationality: list[Cell]
    by_year: list[Cell]


def _grouped(qs: QuerySet[Person], expression: object) -> list[tuple[object, int]]:
    rows = qs.annotate(g=expression).values("g").annotate(n=Count("pk")).order_by("g")
    return [(row["g"], row["n"]) for row in rows]


def person_overview(actor: Actor) -> Overview:
    """Persons in the mechanism by gender, age band, first nationality and year of first
    contact: four GROUP BY queries, each table protected, the total shown only if safe."""
    require_statistics(actor)
    persons = Person.objects.order_by()
    age = Case(
        *[When(age_at_first_contact__lt=limit, then=Value(code)) for limit, code in _AGE_BANDS],
        When(age_at_first_contact__isnull=False, then=Value("50+")),
        default=Value("?"),
        output_field=CharField(),
    )
    age_labels = {
        "0-17": _("Minor (under 18)"),
        "18-24": "18-24",
        "25-34": "25-34",
        "35-49": "35-49",
        "50+": _("50 and over"),
        "?": _("Unknown"),
    }
    nationality = Coalesce(Cast(KeyTextTransform("0", "nationalities"), CharField()), Value(""))
    genders = _grouped(persons, Coalesce("gender", Value("")))
    ages = _grouped(persons, age)
    nationalities = sorted(
        _grouped(persons, nationality), key=lambda item: (-item[1], str(item[0]))
    )
    years = _grouped(persons, ExtractYear("first_contact_on"))
    total = sum(n for _g, n in genders)
    gender_labels = dict(Gender.choices)
    protected_total = protect_list([total], policy()).total
    return Overview(
        total=protected_total,
        by_gender=suppress(
            (str(gender_labels.get(str(g), g)), n)
            for g, n in sorted(genders, key=lambda item: -item[1])
        ),
        by_age=suppress((age_labels[str(g)], n) for g, n in ages),
        by_nationality=suppress(
            (country_name(str(code)) if code else _("Unknown"), n) for code, n in nationalities
        ),
        by_year=suppress((str(y), n) for y, n in years),
    )


def involvement_counts(actor: Actor) -> list[Cell]:
    """How many persons each kind of organisation follows (coordination view), protected."""
    if not decide(actor, Ability.MECHANISM_OVERVIEW).allowed:
        raise NotFound(_("No such page."))
    from nrm.access.models import Involvement
    from nrm.organisations.models import OrganisationType

    labels = dict(OrganisationType.choices)
    rows = (
        Involvement.objects.filter(until__isnull=True)
        .values("organisation__type")
        .annotate(n=Count("person", distinct=True))
        .order_by("organisation__type")
    )
    # A person followed by two kinds of organisation counts in both, so the rows are not
    # always a partition; but most persons are followed by one kind only, and the page shows
    # the number of persons in the mechanism beside them: a hidden row would be that number
    # less the others. So the rows get secondary suppression as if their sum were published
    # (issue 11, item 9).
    return suppress(
        (str(labels.get(r["organisation__type"], r["organisation__type"])), r["n"]) for r in rows
    )


# Figures ----------------------------------------------------------------------------------


@dataclass
class Table:
    """One published table: labels, and the values left after disclosure control."""

    id: str
    figure: Figure
    title: str
    row_dimension: str
    column_dimension: str | None
    rows: list[str]
    columns: list[str]
    row_labels: list[str]
    column_labels: list[str]
    protected: Protected
    # For money figures the published values are whole euros; the pattern comes from the
    # number of units behind each sum.
    amounts: Protected | None = None
    generated: bool = False
    series: bool = False
    chart: str = ""  # a data: URI, set by the page that shows the table

    @property
    def display_rows(self) -> list[tuple[str, list[int | None], int | None]]:
        shown = self.shown
        return list(zip(self.row_labels, shown.cells, shown.row_totals, strict=True))

    @property
    def shown(self) -> Protected:
        return self.amounts if self.amounts is not None else self.protected

    def as_contract(self) -> dict[str, object]:
        """The table as CONTRACTS.md §3 fixes it."""
        shown = self.shown
        return {
            "id": self.id,
            "title": self.title,
            "unit": str(self.figure.unit),
            "source": str(self.figure.source),
            "rows": list(self.rows),
            "columns": list(self.columns),
            "cells": [list(row) for row in shown.cells],
            "row_totals": list(shown.row_totals),
            "column_totals": list(shown.column_totals),
            "total": shown.total,
        }


def figure_get(figure_id: str) -> Figure:
    figure = FIGURES.get(figure_id)
    if figure is None:
        raise BadParameter(
            _("There is no figure “%(figure)s”.") % {"figure": figure_id}, field="figure"
        )
    return figure


def dimension_get(figure: Figure, key: str) -> Dimension:
    if key not in DIMENSIONS or (key != "year" and key not in figure.dimensions):
        raise BadParameter(
            _("“%(dimension)s” is not a breakdown of the figure “%(figure)s”.")
            % {"dimension": key, "figure": figure.id},
            field="dimension",
        )
    return DIMENSIONS[key]


def years_with_data() -> list[int]:
    return sorted(
        set(Fact.objects.values_list("year", flat=True).distinct().order_by()), reverse=True
    )


def last_refresh(year: int) -> Refresh | None:
    return Refresh.objects.filter(year=year).first()


def generated_years() -> set[int]:
    return set(
        Fact.objects.filter(generated=True).values_list("year", flat=True).distinct().order_by()
    )


def require_year(year: int) -> None:
    if not Fact.objects.filter(year=year).exists():
        raise BadParameter(
            _("There are no figures for %(year)s.") % {"year": year},
            field="year",
        )


def _label_for(
    dimension: Dimension,
    labels: Mapping[str, Promise | str] | None,
    code: str,
    regions: Mapping[str, str],
) -> str:
    if code == OTHER:
        return str(OTHER_LABEL)
    if code in ("", UNKNOWN):
        return str(labels[UNKNOWN]) if labels and UNKNOWN in labels else str(UNKNOWN_LABEL)
    if labels is not None and code in labels:
        return str(labels[code])
    if dimension.key == "nationality":
        return country_name(code)
    if dimension.key == "region":
        return regions.get(code, code)
    return code


def _region_names() -> dict[str, str]:
    return dict(Region.objects.values_list("code", "name"))


@dataclass
class _Counts:
    """What one GROUP BY query returned for a figure: counts (and sums) by category pair."""

    counts: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    sums: dict[tuple[str, str], Decimal] = field(
        default_factory=lambda: defaultdict(lambda: Decimal(0))
    )


def _query(
    figure: Figure, years: Sequence[int], row: Dimension, column: Dimension | None
) -> _Counts:
    columns = [row.column] + ([column.column] if column is not None else [])
    aggregates: dict[str, object] = {"n": Count("pk")}
    if figure.money:
        aggregates["amount"] = Sum("amount_eur")
    rows = (
        Fact.objects.filter(figure=figure.id, year__in=list(years))
        .values(*columns)
        .annotate(**aggregates)
        .order_by()
    )
    result = _Counts()
    for r in rows:
        key = (str(r[row.column]), str(r[column.column]) if column is not None else "")
        result.counts[key] += r["n"]
        if figure.money:
            result.sums[key] += r["amount"] or Decimal(0)
    return result


def _figure_query(
    figure: Figure, year: int, pairs: Sequence[tuple[Dimension, Dimension | None]]
) -> dict[tuple[str, str | None], _Counts]:
    """Every table of one figure and year in one statement: GROUPING SETS on PostgreSQL (one
    scan of the figure's rows for all its tables), a UNION ALL of GROUP BYs elsewhere."""
    sets = list(dict.fromkeys((row.column, col.column if col else None) for row, col in pairs))
    if len(sets) == 1:
        row, col = pairs[0]
        return {sets[0]: _query(figure, [year], row, col)}
    quote = connection.ops.quote_name
    table = quote(Fact._meta.db_table)
    measure = "COUNT(*), SUM(amount_eur)" if figure.money else "COUNT(*), NULL"
    results: dict[tuple[str, str | None], _Counts] = {key: _Counts() for key in sets}
    params: list[str | int] = []
    if connection.vendor == "postgresql":
        involved = list(dict.fromkeys(c for key in sets for c in key if c is not None))
        columns = ", ".join(quote(c) for c in involved)
        grouping = ", ".join(
            "(" + ", ".join(quote(c) for c in key if c is not None) + ")" for key in sets
        )
        sql = (
            f"SELECT {columns}, GROUPING({columns}), {measure} FROM {table} "  # noqa: S608  # nosec B608  # quoted model columns
            f"WHERE figure = %s AND year = %s GROUP BY GROUPING SETS ({grouping})"
        )
        params = [figure.id, year]
        # GROUPING() has a bit set, leftmost column first, for each column rolled up.
        masks = {
            sum(
                1 << (len(involved) - 1 - i) for i, c in enumerate(involved) if c not in key
            ): key
            for key in sets
        }
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for record in cursor.fetchall():
                values = dict(zip(involved, record[: len(involved)], strict=True))
                key = masks[record[len(involved)]]
                _add(results[key], figure, key, values, record[-2], record[-1])
        return results
    parts = []
    for number, (row_column, col_column) in enumerate(sets):
        second = quote(col_column) if col_column else "''"
        group = quote(row_column) + (f", {quote(col_column)}" if col_column else "")
        parts.append(
            f"SELECT {number}, {quote(row_column)}, {second}, {measure} FROM {table} "  # noqa: S608  # nosec B608  # quoted model columns
            f"WHERE figure = %s AND year = %s GROUP BY {group}"
        )
        params += [figure.id, year]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for number, first, second, n, amount in cursor.fetchall():
            key = sets[number]
            values = {key[0]: first, **({key[1]: second} if key[1] else {})}
            _add(results[key], figure, key, values, n, amount)
    return results


def _add(
    result: _Counts,
    figure: Figure,
    key: tuple[str, str | None],
    values: Mapping[str, object],
    n: int,
    amount: object,
) -> None:
    pair = (str(values[key[0]]), str(values[key[1]]) if key[1] else "")
    result.counts[pair] += n
    if figure.money:
        result.sums[pair] += Decimal(str(amount or 0))


def series_counts(years: Sequence[int]) -> dict[tuple[str, int], int]:
    """Units per figure and year, for every series of a report in one GROUP BY."""
    rows = (
        Fact.objects.filter(year__in=list(years))
        .values_list("figure", "year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(figure, year): n for figure, year, n in rows}


def _categories(
    figure: Figure, dimension: Dimension, found: Iterable[tuple[str, int]]
) -> list[str]:
    """The categories a table shows for a dimension, in publication order.

    Fixed vocabularies are shown whole (a zero is a figure too); nationality keeps the
    `top` largest and folds the rest into "other"; other dimensions show what was found.
    """
    totals: dict[str, int] = defaultdict(int)
    for code, n in found:
        totals[code] += n
    labels = category_labels(figure, dimension)
    if dimension.key == "year":
        return sorted(totals)
    if labels is not None:
        codes = [c for c in labels if c != UNKNOWN]
        extra = sorted(c for c in totals if c not in labels and c not in ("", UNKNOWN))
        unknown = [UNKNOWN] if (UNKNOWN in labels or totals.get("") or totals.get(UNKNOWN)) else []
        return [*codes, *extra, *unknown]
    known = sorted((c for c in totals if c not in ("", UNKNOWN)), key=lambda c: (-totals[c], c))
    if dimension.top is not None and len(known) > dimension.top:
        known = [*sorted(known[: dimension.top], key=lambda c: (-totals[c], c)), OTHER]
    if totals.get("") or totals.get(UNKNOWN) or not known:
        # Nothing recorded at all still makes a (zero) row, so every table has its shape.
        known.append(UNKNOWN)
    return known


def _fold(code: str, categories: Sequence[str]) -> str:
    if code in categories:
        return code
    if code in ("", UNKNOWN):
        return UNKNOWN
    return OTHER


def _matrix(
    counts: Mapping[tuple[str, str], int | Decimal],
    rows: Sequence[str],
    columns: Sequence[str],
) -> list[list[int]]:
    grid = [[0 for _c in columns] for _r in rows]
    row_index = {code: i for i, code in enumerate(rows)}
    column_index = {code: j for j, code in enumerate(columns)}
    for (r, c), n in counts.items():
        i = row_index[_fold(r, rows)]
        j = column_index[_fold(c, columns)] if columns != [""] else 0
        grid[i][j] += int(n)
    return grid


@dataclass(frozen=True)
class TableRequest:
    figure: str
    rows: str
    columns: str | None = None


def _protect_money(counts: Protected, sums: list[list[int]]) -> Protected:
    """Sums published where the unit counts are: the counts' pattern applied to the sums."""
    n_cols = len(sums[0]) if sums else 0
    row_totals = [sum(r) for r in sums]
    column_totals = [sum(r[j] for r in sums) for j in range(n_cols)]

    def keep(value: int, shown: int | None) -> int | None:
        return None if shown is None else value

    return Protected(
        cells=[
            [keep(v, s) for v, s in zip(row, shown, strict=True)]
            for row, shown in zip(sums, counts.cells, strict=True)
        ],
        row_totals=[keep(v, s) for v, s in zip(row_totals, counts.row_totals, strict=True)],
        column_totals=[
            keep(v, s) for v, s in zip(column_totals, counts.column_totals, strict=True)
        ],
        total=keep(sum(row_totals), counts.total),
        primary=counts.primary,
        secondary=counts.secondary,
    )


def build_tables(
    year: int, requests: Sequence[TableRequest], *, generated: bool | None = None
) -> list[Table]:
    """The requested tables of one year (one GROUP BY query each), protected together.

    Tables of the same figure share their margins (the breakdown by sex of the presumed
    victims is the column margin of form by sex): they are protected as one release so that
    a value suppressed in one is suppressed in all (`protect_release`).
    """
    if generated is None:  # the caller has not checked the year yet
        require_year(year)
        generated = year in generated_years()
    prepared = []
    for request in requests:
        figure = figure_get(request.figure)
        row = dimension_get(figure, request.rows)
        if row.key == "year":
            raise BadParameter(_("Use a series for years."), field="dimension")
        column = dimension_get(figure, request.columns) if request.columns else None
        if column is not None and column.key in ("year", row.key):
            raise BadParameter(_("Choose two different breakdowns."), field="dimension")
        prepared.append((figure, row, column))
    by_figure_pairs: dict[str, list[tuple[Dimension, Dimension | None]]] = defaultdict(list)
    for figure, row, column in prepared:
        by_figure_pairs[figure.id].append((row, column))
    fetched = {
        figure_id: _figure_query(FIGURES[figure_id], year, pairs)
        for figure_id, pairs in by_figure_pairs.items()
    }
    prepared_counts = [
        (f, r, c, fetched[f.id][(r.column, c.column if c else None)]) for f, r, c in prepared
    ]
    # Categories are decided once per figure and dimension, so shared margins line up.
    found: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for figure, row, column, result in prepared_counts:
        for (r, c), n in result.counts.items():
            found[(figure.id, row.key)].append((r, n))
            if column is not None:
                found[(figure.id, column.key)].append((c, n))
    categories = {
        key: _categories(FIGURES[key[0]], DIMENSIONS[key[1]], values)
        for key, values in found.items()
    }
    for figure, row, column, _result in prepared_counts:
        categories.setdefault((figure.id, row.key), _categories(figure, row, []))
        if column is not None:
            categories.setdefault((figure.id, column.key), _categories(figure, column, []))
    grids = []
    for figure, row, column, result in prepared_counts:
        rows = categories[(figure.id, row.key)]
        columns = categories[(figure.id, column.key)] if column is not None else [""]
        grids.append((figure, row, column, rows, columns, _matrix(result.counts, rows, columns)))
    # One release per figure: its tables share margins keyed by figure and dimension.
    protected: dict[int, Protected] = {}
    by_figure: dict[str, list[int]] = defaultdict(list)
    for index, (figure, *_rest) in enumerate(grids):
        by_figure[figure.id].append(index)
    for figure_id, indexes in by_figure.items():
        results = protect_release(
            [grids[i][5] for i in indexes],
            [f"{figure_id}:{grids[i][1].key}" for i in indexes],
            [f"{figure_id}:{d.key}" if (d := grids[i][2]) else None for i in indexes],
            policy(),
        )
        protected.update(zip(indexes, results, strict=True))
    uses_regions = any(
        "region" in (row.key, column.key if column else "") for _f, row, column, *_r in grids
    )
    regions = _region_names() if uses_regions else {}
    tables = []
    for index, (figure, row, column, rows, columns, _grid) in enumerate(grids):
        result = prepared_counts[index][3]
        amounts = (
            _protect_money(protected[index], _matrix(result.sums, rows, columns))
            if figure.money
            else None
        )
        row_labels = category_labels(figure, row)
        column_labels = category_labels(figure, column) if column is not None else None
        table_id = f"{figure.id}_by_{row.key}" + (f"_and_{column.key}" if column else "")
        title = (
            _("%(figure)s, by %(row)s and %(column)s")
            % {
                "figure": figure.title,
                "row": _dimension_title(figure, row).lower(),
                "column": _dimension_title(figure, column).lower(),
            }
            if column is not None
            else _("%(figure)s, by %(row)s")
            % {"figure": figure.title, "row": _dimension_title(figure, row).lower()}
        )
        tables.append(
            Table(
                id=table_id,
                figure=figure,
                title=title,
                row_dimension=row.key,
                column_dimension=column.key if column else None,
                rows=rows,
                columns=columns if column is not None else ["TOTAL"],
                row_labels=[_label_for(row, row_labels, c, regions) for c in rows],
                column_labels=(
                    [_label_for(column, column_labels, c, regions) for c in columns]
                    if column is not None
                    else [str(figure.unit)]
                ),
                protected=protected[index],
                amounts=amounts,
                generated=generated,
            )
        )
    return tables


def _dimension_title(figure: Figure, dimension: Dimension) -> str:
    if dimension.key == "category" and figure.category_label is not None:
        return str(figure.category_label)
    return str(dimension.label)


def series_table(
    figure_id: str,
    *,
    year: int,
    rows: str | None = None,
    generated: set[int] | None = None,
    totals: Mapping[tuple[str, int], int] | None = None,
) -> Table:
    """A figure over the ten years up to `year` (years as columns), protected.
    `generated`: the years of generated data, and `totals`: the units per figure and year
    (`series_counts`), when the caller already has them."""
    figure = figure_get(figure_id)
    if generated is None:
        require_year(year)
        generated = generated_years()
    years = list(range(year - SERIES_YEARS + 1, year + 1))
    row = dimension_get(figure, rows) if rows else None
    column = DIMENSIONS["year"]
    if row is None:
        if totals is None:
            totals = series_counts(years)
        merged: dict[tuple[str, str], int] = defaultdict(int)
        for y in years:
            merged[("ALL", str(y))] += totals.get((figure.id, y), 0)
        counts: Mapping[tuple[str, str], int] = merged
        row_codes = ["ALL"]
        row_labels = [str(figure.unit)]
    else:
        counts = _query(figure, years, row, column).counts
        row_codes = _categories(figure, row, [(r, n) for (r, _c), n in counts.items()])
        regions = _region_names() if row.key == "region" else {}
        row_labels = [
            _label_for(row, category_labels(figure, row), c, regions) for c in row_codes
        ]
    columns = [str(y) for y in years]
    grid = _matrix(counts, row_codes, columns)
    protected = protect_release([grid], [None], [None], policy())[0]
    title = _("%(figure)s, %(first)s to %(last)s") % {
        "figure": figure.title,
        "first": years[0],
        "last": years[-1],
    }
    return Table(
        id=f"{figure.id}_series" + (f"_by_{row.key}" if row else ""),
        figure=figure,
        title=title,
        row_dimension=row.key if row else "all",
        column_dimension="year",
        rows=row_codes,
        columns=columns,
        row_labels=row_labels,
        column_labels=columns,
        protected=protected,
        generated=bool(generated & set(years)),
        series=True,
    )


def report_requests() -> list[TableRequest]:
    """The tables of the annual report: every breakdown of every figure, and the
    form-by-sex cross-tabulation wherever a figure has both."""
    requests: list[TableRequest] = []
    for figure in FIGURES.values():
        for key in figure.dimensions:
            requests.append(TableRequest(figure.id, key))
        if "form" in figure.dimensions and "sex" in figure.dimensions:
            requests.append(TableRequest(figure.id, "form", "sex"))
        if figure.id == "sentences":
            requests.append(TableRequest(figure.id, "category", "suspension"))
    return requests


def statistics_tables(
    actor: Actor, *, year: int, figure: str | None = None, rows: str | None = None,
    columns: str | None = None,
) -> list[Table]:
    """What the statistics page shows: the chosen figure (or all), by the chosen breakdown."""
    require_statistics(actor)
    if figure is None:
        return build_tables(year, [TableRequest(f.id, f.dimensions[0]) for f in FIGURES.values()])
    chosen = figure_get(figure)
    return build_tables(year, [TableRequest(chosen.id, rows or chosen.dimensions[0], columns)])


def recommendations_visible_to(actor: Actor) -> QuerySet[Recommendation]:
    """The rapporteur and the coordinator see the register; an organisation sees what is
    addressed to it."""
    qs = Recommendation.objects.select_related("addressee")
    if may_view_statistics(actor):
        return qs
    if actor.membership is None:
        return qs.none()
    return qs.filter(addressee_id=actor.membership.organisation_id)


def open_recommendations_addressed_to(actor: Actor) -> int:
    """Recommendations addressed to the actor's organisation that are not yet implemented or
    rejected (open or partly implemented): one COUNT, for the organisation's home page."""
    if actor.membership is None:
        return 0
    return Recommendation.objects.filter(
        addressee_id=actor.membership.organisation_id,
        status__in=[RecommendationStatus.OPEN, RecommendationStatus.PARTLY],
    ).count()


def recommendation_get_for_actor(actor: Actor, pk: int) -> Recommendation:
    recommendation = recommendations_visible_to(actor).filter(pk=pk).first()
    if recommendation is None:
        raise NotFound(_("No such recommendation."))
    return recommendation


@dataclass(frozen=True)
class CivilPartyCase:
    """A case in which the rapporteur is a civil party: procedural facts only."""

    reference: str
    exploitation_form: str
    opened_on: object
    status: str
    joined_on: object
    decisions: list[tuple[object, str]]


def rapporteur_civil_party_cases(actor: Actor) -> list[CivilPartyCase]:
    """Cases where the actor's organisation (the rapporteur) joined as a civil party, with
    their procedural facts (dates, status, decisions) and nothing about the persons."""
    if not decide(actor, Ability.STATISTICS_VIEW).allowed or actor.membership is None:
        raise NotFound(_("No such page."))
    from nrm.prosecution.models import CaseDecision, CivilParty
    from nrm.prosecution.vocab import CaseStatus, ExploitationForm

    parties = list(
        CivilParty.objects.filter(organisation_id=actor.membership.organisation_id)
        .select_related("case")
        .order_by("-case__opened_on", "case__reference")
    )
    case_ids = [p.case_id for p in parties]
    decisions: dict[int, list[tuple[object, str]]] = defaultdict(list)
    from nrm.statistics.figures import DECISION_LABELS

    for d in CaseDecision.objects.filter(case_id__in=case_ids).order_by("decided_on", "pk"):
        decisions[d.case_id].append(
            (d.decided_on, str(DECISION_LABELS.get(d.transition, d.transition)))
        )
    forms = dict(ExploitationForm.choices)
    statuses = dict(CaseStatus.choices)
    return [
        CivilPartyCase(
            reference=p.case.reference,
            exploitation_form=str(forms.get(p.case.exploitation_form, "")),
            opened_on=p.case.opened_on,
            status=str(statuses.get(p.case.status, p.case.status)),
            joined_on=p.joined_on,
            decisions=decisions[p.case_id],
        )
        for p in parties
    ]

