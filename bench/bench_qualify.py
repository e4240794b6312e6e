"""Benchmark of the legal-qualification engine.

Generates 10,000 random case-fact sets with a fixed seed, qualifies each under every
jurisdiction and prints evaluations per second and the median time of one full
evaluation (all jurisdictions) along the path every caller pays: JSON text parsed and
validated against the contract's schema, qualified, the report serialised to JSON text.
Targets: median under 1 ms, at least 2,000 evaluations per second; qualify() alone is
printed beside it.

    .venv/bin/python bench/bench_qualify.py [--count N] [--seed S] [--check]

`--check` exits with status 1 when the median misses the target.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from datetime import date, timedelta
from enum import StrEnum
from typing import TypeVar

from nrm.law import JURISDICTIONS, CaseFacts, parse_facts, qualify, report_to_json
from nrm.law.facts import (
    Act,
    AggravatingFact,
    LabourConditions,
    Means,
    OffencePeriod,
    Purpose,
    Victim,
    Vulnerability,
    facts_to_json,
)

TARGET_MS = 1.0
TARGET_PER_S = 2_000  # full evaluations per second on one core (issue 17)
E = TypeVar("E", bound=StrEnum)


def _maybe_set(rng: random.Random, kind: type[E], known: float = 0.8) -> frozenset[E] | None:
    if rng.random() > known:
        return None
    members = list(kind)
    return frozenset(rng.sample(members, rng.randint(0, min(4, len(members)))))


def _maybe_bool(rng: random.Random) -> bool | None:
    return rng.choice((None, True, False))


def _labour(rng: random.Random) -> LabourConditions | None:
    if rng.random() < 0.4:
        return None
    return LabourConditions(
        hourly_wage_eur=rng.choice((None, 0.0, round(rng.uniform(1, 20), 2))),
        legal_minimum_hourly_wage_eur=rng.choice((None, 12.5)),
        weekly_hours=rng.choice((None, float(rng.randint(20, 100)))),
        rest_days_per_week=rng.choice((None, rng.randint(0, 2))),
        housing_provided_by_employer=_maybe_bool(rng),
        housing_degrading=_maybe_bool(rng),
        unsafe_workplace=_maybe_bool(rng),
        undeclared_work=_maybe_bool(rng),
        documents_withheld=_maybe_bool(rng),
        wage_deductions=_maybe_bool(rng),
        dependency_on_employer=_maybe_bool(rng),
        humiliating_treatment=_maybe_bool(rng),
    )


def random_facts(rng: random.Random) -> CaseFacts:
    start = date(2000, 1, 1) + timedelta(days=rng.randint(0, 30 * 365))
    end = None if rng.random() < 0.2 else start + timedelta(days=rng.randint(0, 1500))
    age = None if rng.random() < 0.2 else rng.randint(8, 70)
    aggravating = _maybe_set(rng, AggravatingFact)
    if aggravating is not None and age is not None and age >= 18:
        aggravating = aggravating - {AggravatingFact.VICTIM_MINOR}
    return CaseFacts(
        offence_period=OffencePeriod(start=start, end=end),
        victim=Victim(
            age_at_acts=age,
            vulnerabilities=_maybe_set(rng, Vulnerability),
            consent_to_exploitation=_maybe_bool(rng),
            acted_against_will_for_crimes=_maybe_bool(rng),
        ),
        acts=_maybe_set(rng, Act, known=0.9),
        means=_maybe_set(rng, Means),
        purposes=_maybe_set(rng, Purpose, known=0.9),
        labour_conditions=_labour(rng),
        aggravating_facts=aggravating,
        number_of_victims=rng.choice((None, 1, 1, 2, 5, 12)),
        attempt_only=rng.choice((None, False, False, True)),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20_241_209)
    parser.add_argument("--check", action="store_true", help="exit 1 if the target is missed")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    cases = [random_facts(rng) for _ in range(args.count)]
    for facts in cases[:200]:  # warm caches (schema-free path, lazy imports)
        qualify(facts)

    durations: list[int] = []
    outcomes: Counter[str] = Counter()
    clock = time.perf_counter_ns
    started = clock()
    for facts in cases:
        before = clock()
        report = qualify(facts)
        durations.append(clock() - before)
        outcomes.update(result.result.value for result in report.results)
    total_s = (clock() - started) / 1e9

    serialised: list[int] = []
    for facts in cases[:1000]:
        report = qualify(facts)
        before = clock()
        report_to_json(report)
        serialised.append(clock() - before)

    # The full path every caller pays (API, page, command): JSON text in, schema validation,
    # qualification, JSON text out. The target holds on this one.
    documents = [json.dumps(facts_to_json(facts)) for facts in cases]
    full: list[int] = []
    started = clock()
    for document in documents:
        before = clock()
        json.dumps(report_to_json(qualify(parse_facts(document))))
        full.append(clock() - before)
    full_total_s = (clock() - started) / 1e9

    median_ms = statistics.median(full) / 1e6
    engine_median_ms = statistics.median(durations) / 1e6
    p95_ms = statistics.quantiles(full, n=20)[-1] / 1e6
    print(f"fact sets:                 {args.count} (seed {args.seed})")
    print(f"jurisdictions per set:     {len(JURISDICTIONS)} ({', '.join(JURISDICTIONS)})")
    print(
        f"full path / second:        {args.count / full_total_s:,.0f} (parse, validate, "
        f"qualify, serialise; target >= {TARGET_PER_S:,})"
    )
    print(f"qualify() alone / second:  {args.count / total_s:,.0f}")
    print(f"jurisdiction results / s:  {args.count * len(JURISDICTIONS) / total_s:,.0f}")
    print(f"median full path:          {median_ms:.3f} ms (target < {TARGET_MS} ms)")
    print(f"p95 full path:             {p95_ms:.3f} ms")
    print(f"median qualify() alone:    {engine_median_ms:.3f} ms")
    print(f"median report_to_json:     {statistics.median(serialised) / 1e6:.3f} ms")
    tally = ", ".join(f"{outcome} {n}" for outcome, n in sorted(outcomes.items()))
    print(f"outcomes:                  {tally}")
    met = median_ms < TARGET_MS and args.count / full_total_s >= TARGET_PER_S
    print("target met" if met else "TARGET MISSED")
    return 0 if met or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
