"""The generated statistics history: ten years, realistic volumes, labelled as generated."""

from __future__ import annotations

import time
from datetime import date

from django.db.models import Count

from nrm.statistics.models import Fact
from nrm.statistics.queries import TableRequest, build_tables, series_table

TODAY = date(2026, 6, 1)


def test_ten_years_before_this_one_are_generated_and_labelled(db: None) -> None:
    from nrm.demo.history import build_history

    started = time.perf_counter()
    written = build_history(TODAY)
    elapsed = time.perf_counter() - started

    years = set(Fact.objects.filter(generated=True).values_list("year", flat=True))
    assert years == set(range(2016, 2026))
    assert Fact.objects.filter(generated=True).count() == written
    assert not Fact.objects.filter(generated=False, year__lt=2026).exists()
    assert elapsed < 30  # bulk inserts keep `make run` fast


def test_volumes_are_of_belgian_order_labour_first_then_sexual(db: None) -> None:
    from nrm.demo.history import build_history

    build_history(TODAY)

    referred = dict(
        Fact.objects.filter(figure="presumed_victims_referred", generated=True)
        .values_list("year")
        .annotate(n=Count("pk"))
    )
    assert all(100 <= n <= 600 for n in referred.values()), referred
    forms = dict(
        Fact.objects.filter(figure="presumed_victims_referred", year=2025)
        .values_list("form")
        .annotate(n=Count("pk"))
    )
    assert forms["LABOUR"] > forms["SEXUAL"] > forms["FORCED_CRIMINALITY"]


def test_a_generated_year_is_labelled_in_every_table_and_series(db: None) -> None:
    from nrm.demo.history import build_history

    build_history(TODAY)

    (table,) = build_tables(2025, [TableRequest("presumed_victims_referred", "form")])
    assert table.generated
    assert series_table("presumed_victims_referred", year=2025).generated


def test_loading_twice_replaces_the_history(db: None) -> None:
    from nrm.demo.history import build_history

    first = build_history(TODAY)
    second = build_history(TODAY)

    assert first == second == Fact.objects.filter(generated=True).count()


def test_the_second_round_figures_have_ten_years_consistent_with_the_first(db: None) -> None:
    from nrm.demo.history import build_history

    build_history(TODAY)

    def per_year(figure: str, **filters: object) -> dict[int, int]:
        return dict(
            Fact.objects.filter(figure=figure, generated=True, **filters)
            .values_list("year")
            .annotate(n=Count("pk"))
        )

    referred = per_year("presumed_victims_referred")
    for figure in ("persons_accompanied", "presumed_victims_distinct", "referral_answer_time"):
        assert set(per_year(figure)) == set(range(2016, 2026)), figure
    assert set(per_year("documents_after_gap")) == set(range(2016, 2026))
    # Everyone referred is accompanied for the first time; the total is larger.
    assert per_year("persons_accompanied", category="NEW") == referred
    accompanied = per_year("persons_accompanied")
    assert all(accompanied[y] > referred[y] for y in referred)
    # Linkage merges records: fewer humans than records, more than any one figure's records.
    met = per_year("persons_met_with_indicators")
    distinct = per_year("presumed_victims_distinct")
    assert all(accompanied[y] < distinct[y] < accompanied[y] + met[y] for y in referred)
    # Only answered referrals have a time to answer.
    answered = per_year("referrals", category__in=["ACCEPTED", "DECLINED"])
    assert per_year("referral_answer_time") == answered
    gaps = per_year("documents_after_gap")
    assert all(0 < gaps[y] < referred[y] // 4 for y in referred)


def test_generated_inspections_and_referrals_have_focus_outcome_and_source(db: None) -> None:
    from nrm.demo.history import build_history
    from nrm.referrals.workflow import SOURCES_BY_ORGANISATION_TYPE

    build_history(TODAY)

    inspections = Fact.objects.filter(figure="inspections", generated=True)
    focus = dict(inspections.values_list("category").annotate(n=Count("pk")))
    assert set(focus) == {"FOCUSED", "OTHER"}
    assert focus["FOCUSED"] > focus["OTHER"]
    outcomes = dict(inspections.values_list("detail").annotate(n=Count("pk")))
    assert outcomes["PRO_JUSTITIA"] > outcomes.get("", 0)
    assert outcomes.get("", 0) < inspections.count() // 20  # nearly all reported
    indicators = dict(
        inspections.filter(detail="TRAFFICKING_INDICATORS")
        .values_list("category")
        .annotate(n=Count("pk"))
    )
    assert indicators["FOCUSED"] > indicators["OTHER"]
    pairs = set(
        Fact.objects.filter(figure="referrals", generated=True).values_list("referrer", "detail")
    )
    assert pairs
    assert all(s in SOURCES_BY_ORGANISATION_TYPE[r] for r, s in pairs)
    (table,) = build_tables(2025, [TableRequest("inspections", "category", "outcome")])
    assert table.generated
