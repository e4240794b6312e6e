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
