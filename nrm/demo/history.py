"""Ten years of generated statistics history, so that the rapporteur's report looks like one.

GENERATED, NOT OFFICIAL. The volumes are of the order of Belgium's (a few hundred presumed
victims referred a year, most exploited for labour, then sexually; see RULES.md §7), drawn
from a seeded PRNG: they must never be read or shown as real figures. Every row is written
with `generated=True`, which every page, report and export labels.

The history is written at the level of the statistics release table (`Fact`: one row per
counted unit, categories only), by bulk inserts: building ten years of persons, referrals,
case files and judgments through every capability's actions would take minutes, and the
statistics read nothing else. The demo world's own records (this year) are extracted by the
ordinary refresh at the end, so this year's figures are the demo world's, not generated.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from itertools import accumulate
from typing import Any

from django.db import connection, transaction

from nrm.statistics.actions import facts_refresh
from nrm.statistics.models import Fact

SEED = 20230101
YEARS = 10
BATCH = 5000

# (value, weight) tables, invented but of the order of Myria's published proportions.
FORMS = [("LABOUR", 58), ("SEXUAL", 27), ("FORCED_CRIMINALITY", 7), ("BEGGING", 3),
         ("OTHER", 3), ("UNKNOWN", 2)]  # fmt: skip
NATIONALITIES = [("MA", 12), ("PH", 10), ("BD", 9), ("RO", 8), ("NG", 7), ("BG", 6),
                 ("IN", 5), ("BR", 5), ("UA", 4), ("AL", 4), ("CN", 4), ("VN", 3),
                 ("BE", 3), ("PK", 3), ("ER", 2), ("TR", 2), ("", 3)]  # fmt: skip
SECTORS = [("F", 24), ("I", 20), ("A", 10), ("C", 8), ("H", 9), ("N", 10), ("T", 6),
           ("G", 5), ("S", 8)]  # fmt: skip
REGIONS = [("BRU", 38), ("VLG", 40), ("WAL", 22)]
REFERRERS = [("POLICE_UNIT", 42), ("LABOUR_INSPECTION_TEAM", 33), ("NGO", 12),
             ("CENTRE_ADULTS", 6), ("IDENTIFICATION_BODY", 4), ("CENTRE_MINORS", 3)]  # fmt: skip
PHASES = [("REFLECTION", 10), ("PROVISIONAL_STAY", 14), ("TEMPORARY_STAY", 24),
          ("PERMANENT_STAY", 22), ("STATUS_ENDED", 20), ("VOLUNTARY_RETURN", 6),
          ("HUMANITARIAN_RESIDENCE", 4)]  # fmt: skip
DOCUMENTS = [("ANNEX_15", 80), ("PROVISIONAL", 60), ("PERMIT", 42), ("RENEWAL", 50),
             ("PERMANENT", 12), ("HUMANITARIAN", 2)]  # fmt: skip  (per 100 persons referred)
DECISIONS = [("dismiss", 40), ("indict", 22), ("request_conviction", 20),
             ("open_investigation", 60), ("record_judgment", 18)]  # fmt: skip
PRISON = [("UNDER_1Y", 25), ("1_TO_3Y", 45), ("3_TO_5Y", 20), ("5Y_AND_MORE", 10)]
SUSPENSION = [("NONE", 44), ("PARTLY", 30), ("FULLY", 26)]  # 56 % (partly) suspended
CALLERS = [("POTENTIAL_VICTIM", 35), ("THIRD_PARTY", 30), ("PROFESSIONAL", 30), ("OTHER", 5)]
REFERRAL_STATUS = [("ACCEPTED", 74), ("DECLINED", 18), ("WITHDRAWN", 8)]
# Who set a referral going, by the referring organisation's type; only the sources the
# referral workflow lets that type give (`nrm.referrals.workflow.SOURCES_BY_ORGANISATION_TYPE`).
SOURCES: dict[str, list[tuple[str, int]]] = {
    "POLICE_UNIT": [("POLICE", 1)],
    "LABOUR_INSPECTION_TEAM": [("INSPECTION", 1)],
    "NGO": [("NGO", 80), ("SELF", 20)],
    "CENTRE_ADULTS": [("NGO", 55), ("HOTLINE", 25), ("SELF", 20)],
    "CENTRE_MINORS": [("NGO", 60), ("HOTLINE", 20), ("SELF", 20)],
    "IDENTIFICATION_BODY": [("NGO", 85), ("SELF", 15)],
}
# Most referrals are answered the same day or the next; a few wait for an interview.
ANSWER_TIMES = [("UNDER_24H", 55), ("1_TO_3D", 30), ("OVER_3D", 15)]
FOCUS_SHARE = 0.6  # inspections by the specialised teams, trafficking-focused
OUTCOMES = {
    "FOCUSED": [("NO_INFRINGEMENT", 22), ("REGULARISATION", 14), ("PRO_JUSTITIA", 34),
                ("TRAFFICKING_INDICATORS", 22), ("WORK_STOPPED", 8)],
    "OTHER": [("NO_INFRINGEMENT", 45), ("REGULARISATION", 27), ("PRO_JUSTITIA", 23),
              ("TRAFFICKING_INDICATORS", 2), ("WORK_STOPPED", 3)],
}  # fmt: skip
# A person accompanied in a year is still accompanied the next years with these
# probabilities (the centres' guidance lasts one to three years, seldom longer).
STILL_ACCOMPANIED = (0.65, 0.4, 0.15)
# Continuing persons are further along the pathway than new ones.
CONTINUING_PHASES = [("PROVISIONAL_STAY", 4), ("TEMPORARY_STAY", 40), ("PERMANENT_STAY", 30),
                     ("STATUS_ENDED", 14), ("VOLUNTARY_RETURN", 3),
                     ("HUMANITARIAN_RESIDENCE", 9)]  # fmt: skip
# Documents obtained after a period without a valid one, per 100 persons referred: mostly
# permits renewed late.
DOCUMENTS_AFTER_GAP = [("ANNEX_15", 1), ("PROVISIONAL", 2), ("PERMIT", 3), ("RENEWAL", 5)]
# Persons of the linked figures who have records at more than one organisation, per 100
# persons referred (mostly persons met by the labour inspection and then referred).
LINKED_PER_HUNDRED = 28


_CUMULATIVE: dict[int, tuple[tuple[str, ...], list[int]]] = {}


def _pick(rng: random.Random, table: Sequence[tuple[str, int]]) -> str:
    prepared = _CUMULATIVE.get(id(table))
    if prepared is None:
        values, weights = zip(*table, strict=True)
        prepared = (values, list(accumulate(weights)))
        _CUMULATIVE[id(table)] = prepared
    return rng.choices(prepared[0], cum_weights=prepared[1])[0]


_COLUMNS = (
    *("figure", "year", "unit_key", "generated", "form", "sector", "sex", "age_group"),
    *("nationality", "region", "referrer", "phase", "category", "detail", "amount_eur"),
)


class _Writer:
    """Rows as tuples, inserted with executemany: ten years in a few seconds."""

    def __init__(self) -> None:
        self.rows: list[tuple[Any, ...]] = []
        self.key = 0
        self.written = 0

    def add(self, figure: str, year: int, **fields: object) -> None:
        # Negative keys: never those of a real record, so generated and extracted units stay
        # apart whatever the year.
        self.key -= 1
        values = {"figure": figure, "year": year, "unit_key": self.key, "generated": True}
        values.update(fields)
        self.rows.append(tuple(values.get(c, None if c == "amount_eur" else "") for c in _COLUMNS))
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        quote = connection.ops.quote_name
        columns = ", ".join(quote(c) for c in _COLUMNS)
        marks = ", ".join(["%s"] * len(_COLUMNS))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {quote(Fact._meta.db_table)} ({columns}) VALUES ({marks})",  # noqa: S608  # nosec B608  # quoted model identifiers
                self.rows,
            )
        self.written += len(self.rows)
        self.rows = []


def _sex(rng: random.Random, form: str) -> str:
    female = {"SEXUAL": 0.85, "LABOUR": 0.25, "BEGGING": 0.5}.get(form, 0.35)
    draw = rng.random()
    return "FEMALE" if draw < female else ("MALE" if draw < 0.99 else "OTHER_OR_UNKNOWN")


def _person(rng: random.Random, form: str) -> dict[str, object]:
    return {
        "sex": _sex(rng, form),
        "age_group": "MINOR" if rng.random() < 0.07 else "ADULT",
        "nationality": _pick(rng, NATIONALITIES),
    }


def _year(
    rng: random.Random, out: _Writer, year: int, trend: float, earlier: list[int], last: bool
) -> None:
    """One generated year. `earlier` holds the persons newly accompanied in the years
    before, latest last (this year's is appended). The figures of the second round draw from
    their own generator (`extra`), so the first round's figures stay as they were."""
    extra = random.Random(SEED + year)
    referred = int(rng.gauss(240, 35) * trend)
    for _ in range(referred):
        form = _pick(rng, FORMS)
        out.add(
            "presumed_victims_referred",
            year,
            form=form,
            region=_pick(rng, REGIONS),
            referrer=_pick(rng, REFERRERS),
            phase=_pick(rng, PHASES),
            **_person(rng, form),
        )
    met = int(referred * 0.9)
    for _ in range(met):
        out.add(
            "persons_met_with_indicators",
            year,
            sector=_pick(rng, SECTORS),
            region=_pick(rng, REGIONS),
            **_person(rng, "LABOUR"),
        )
    for code, per_hundred in DOCUMENTS:
        for _ in range(referred * per_hundred // 100):
            out.add("status_documents", year, category=code, **_person(rng, _pick(rng, FORMS)))
    _accompanied_and_gaps(extra, out, year, referred, met, earlier)
    cases = int(rng.gauss(340, 30) * trend)
    for _ in range(cases):
        out.add("case_files_opened", year, form=_pick(rng, FORMS[:-1]), region=_pick(rng, REGIONS))
    for _ in range(int(cases * 0.9)):
        form = _pick(rng, FORMS[:-1])
        suspect = {"sex": "MALE" if rng.random() < 0.78 else "FEMALE", "age_group": "ADULT"}
        out.add("suspects", year, form=form, nationality=_pick(rng, NATIONALITIES), **suspect)
    for _ in range(cases):
        out.add(
            "prosecution_decisions", year, category=_pick(rng, DECISIONS), form=_pick(rng, FORMS)
        )
    judged = int(rng.gauss(130, 15) * trend)
    convicted = 0
    for _ in range(judged):
        outcome = "CONVICTED" if rng.random() < 0.85 else "ACQUITTED"
        convicted += outcome == "CONVICTED"
        out.add("defendants_judged", year, category=outcome, form=_pick(rng, FORMS[:-1]))
    for _ in range(int(convicted * 0.9)):
        out.add(
            "sentences",
            year,
            category=_pick(rng, PRISON),
            detail=_pick(rng, SUSPENSION),
            form=_pick(rng, FORMS[:-1]),
        )
    for figure, count, low, high in [
        ("assets_frozen", 45, 2_000, 400_000),
        ("assets_confiscated", 28, 2_000, 250_000),
        ("compensation_allocated", 35, 500, 40_000),
    ]:
        for _ in range(int(rng.gauss(count, 6))):
            amount = Decimal(int(rng.lognormvariate(0, 1) * low * 4)).min(Decimal(high))
            route = "CIVIL_CLAIM" if rng.random() < 0.7 else "BACK_PAY"
            out.add(
                figure,
                year,
                form=_pick(rng, FORMS[:-1]),
                amount_eur=amount,
                category=route if figure == "compensation_allocated" else "",
            )
    for _ in range(int(rng.gauss(200, 25) * trend)):
        focus = "FOCUSED" if extra.random() < FOCUS_SHARE else "OTHER"
        # Reports come weeks after the visit: only the last year has many not yet reported.
        late = extra.random() < (0.06 if last else 0.01)
        out.add(
            "inspections",
            year,
            sector=_pick(rng, SECTORS),
            region=_pick(rng, REGIONS),
            category=focus,
            detail="" if late else _pick(extra, OUTCOMES[focus]),
        )
    for _ in range(int(referred * 1.3)):
        status = _pick(rng, REFERRAL_STATUS)
        referrer = _pick(rng, REFERRERS)
        out.add(
            "referrals",
            year,
            category=status,
            referrer=referrer,
            region=_pick(rng, REGIONS),
            detail=_pick(extra, SOURCES[referrer]),
        )
        if status in ("ACCEPTED", "DECLINED"):  # a withdrawn referral was never answered
            out.add(
                "referral_answer_time", year, category=_pick(extra, ANSWER_TIMES), referrer=referrer
            )
    for _ in range(int(rng.gauss(620, 60))):
        out.add("hotline_contacts", year, category=_pick(rng, CALLERS))


def _accompanied_and_gaps(
    rng: random.Random, out: _Writer, year: int, referred: int, met: int, earlier: list[int]
) -> None:
    """Persons accompanied (new and continuing), distinct persons after record linkage and
    documents obtained after a gap, consistent with the year's persons referred."""
    # A person referred (accepted) this year is accompanied for the first time: the extraction
    # counts a person again referred after an earlier acceptance as continuing, rare enough
    # to leave out here.
    latest = reversed(earlier[-len(STILL_ACCOMPANIED) :])
    continuing = round(sum(p * n for p, n in zip(STILL_ACCOMPANIED, latest, strict=True)))
    earlier.append(referred)
    for category, count, phases in [
        ("NEW", referred, PHASES),
        ("CONTINUING", continuing, CONTINUING_PHASES),
    ]:
        for _ in range(count):
            form = _pick(rng, FORMS)
            out.add(
                "persons_accompanied",
                year,
                category=category,
                referrer=_pick(rng, REFERRERS),
                phase=_pick(rng, phases),
                **_person(rng, form),
            )
    # Humans among the persons referred, accompanied and met with indicators: each linked
    # human stands for one record accompanied and one met with indicators.
    linked = min(referred * LINKED_PER_HUNDRED // 100, met)
    alone = referred + continuing + met - 2 * linked
    for category, count in [("ONE_RECORD", alone), ("SEVERAL_RECORDS", linked)]:
        for _ in range(count):
            out.add("presumed_victims_distinct", year, category=category)
    for code, per_hundred in DOCUMENTS_AFTER_GAP:
        for _ in range(max(0, round(rng.gauss(referred * per_hundred / 100, 1.5)))):
            out.add("documents_after_gap", year, category=code, **_person(rng, _pick(rng, FORMS)))


def build_history(today: date) -> int:
    """Write the ten years before `today`'s as generated facts, then extract this year's
    real figures. Returns the number of generated rows. Idempotent: earlier generated rows
    are replaced."""
    rng = random.Random(SEED)
    out = _Writer()
    first = today.year - YEARS
    with transaction.atomic():
        Fact.objects.filter(generated=True).delete()
        # Before the first generated year, as many newly accompanied as in that year.
        earlier = [int(240 * 0.85)] * len(STILL_ACCOMPANIED)
        for year in range(first, today.year):
            # A slow rise over the decade, as detection of labour exploitation grew.
            trend = 0.85 + 0.3 * (year - first) / YEARS
            _year(rng, out, year, trend, earlier, last=year == today.year - 1)
        out.flush()
    facts_refresh(actor=None, year=today.year)
    return out.written
