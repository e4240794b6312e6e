"""The figures of the second round: persons accompanied, time to answer a referral,
referrals by source, inspections by focus and outcome, every status document (humanitarian
included), documents issued after a gap, and distinct persons after record linkage."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.test import override_settings
from django.utils import timezone, translation

from nrm.access.actions import involvement_end
from nrm.consent.actions import ConsentConfirmation
from nrm.exchange.actions import linkage_keys_refresh
from nrm.inspections.actions import inspection_carry_out, inspection_plan, inspection_report
from nrm.inspections.tests.helpers import a_worksite
from nrm.protection.tests.support import BE_PATHS, TEMPORARY, involved_person, record, walk
from nrm.referrals.actions import referral_accept, referral_create, referral_decline
from nrm.referrals.models import ReferralReason
from nrm.statistics.actions import facts_refresh
from nrm.statistics.figures import FIGURES, Population
from nrm.statistics.models import Fact
from nrm.statistics.queries import Table, TableRequest, build_tables
from nrm.statistics.tests.support import YEAR, accepted_referral
from nrm.testing import World


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


def by_row(table: Table) -> dict[str, int | None]:
    return dict(zip(table.rows, table.shown.row_totals, strict=True))


def one(year: int, figure: str, rows: str = "category") -> Table:
    return build_tables(year, [TableRequest(figure, rows)])[0]


def test_the_new_figures_state_their_unit_and_never_mix_victims_and_suspects() -> None:
    for figure_id in (
        "persons_accompanied",
        "presumed_victims_distinct",
        "documents_after_gap",
        "referral_answer_time",
    ):
        figure = FIGURES[figure_id]
        assert str(figure.unit).strip()
        assert str(figure.source).strip()
        assert str(figure.note).strip()
        assert figure.population != Population.SUSPECTS


@override_settings(NRM_SMALL_CELL=1)
def test_persons_accompanied_are_new_this_year_or_continuing(world: World) -> None:
    earlier = accepted_referral(world, given_names="Earlier", on=date(YEAR - 1, 5, 1))
    accepted_referral(world, given_names="New", on=date(YEAR, 3, 1))
    # Referred again this year: still one person, and not new.
    referral_create(
        consent=ConsentConfirmation(language="ro"),
        actor=world.actor("inspector"),
        person=earlier.person,
        reason=ReferralReason.ADDITIONAL_SERVICES_REQUIRED,
        centre=world.organisations["PAG-ASA"],
        referred_on=date(YEAR, 6, 1),
    )
    facts_refresh(actor=world.actor("analyst"), year=YEAR)

    table = one(YEAR, "persons_accompanied")

    assert by_row(table) == {"NEW": 1, "CONTINUING": 1}
    assert table.shown.total == 2  # the persons accompanied in total


def test_a_person_whose_care_ended_is_not_accompanied_in_later_years(world: World) -> None:
    referral = accepted_referral(world, on=date(YEAR, 4, 1))
    assert referral.received_involvement is not None
    involvement_end(actor=world.actor("caseworker_a"), involvement=referral.received_involvement)
    later = timezone.localdate().year + 1  # the care ended today, before that year began

    facts_refresh(actor=None, year=YEAR)
    facts_refresh(actor=None, year=later)

    accompanied = Fact.objects.filter(figure="persons_accompanied")
    assert list(accompanied.values_list("year", flat=True)) == [YEAR]


@override_settings(NRM_SMALL_CELL=1)
def test_time_to_answer_a_referral_is_published_in_bands(world: World) -> None:
    caseworker = world.actor("caseworker_a")
    for i, waited in enumerate([timedelta(hours=3), timedelta(hours=30), timedelta(days=5)]):
        referral = referral_create(
            consent=ConsentConfirmation(language="ro"),
            actor=world.actor("inspector"),
            person=world.person("inspector", given_names=f"Waited{i}"),
            reason=ReferralReason.ADDITIONAL_SERVICES_REQUIRED,
            centre=world.organisations["PAG-ASA"],
            referred_on=date(YEAR, 4, 1),
        )
        answer = referral.created_at + waited
        if i == 2:
            referral_decline(
                actor=caseworker,
                referral=referral,
                expected_version=referral.version,
                reason="No place.",
                now=answer,
            )
        else:
            referral_accept(
                actor=caseworker, referral=referral, expected_version=referral.version, now=answer
            )
    referral_create(  # awaiting an answer: not counted
        consent=ConsentConfirmation(language="ro"),
        actor=world.actor("inspector"),
        person=world.person("inspector", given_names="Waiting"),
        reason=ReferralReason.ADDITIONAL_SERVICES_REQUIRED,
        centre=world.organisations["PAG-ASA"],
        referred_on=date(YEAR, 4, 2),
    )
    facts_refresh(actor=world.actor("analyst"), year=YEAR)

    assert by_row(one(YEAR, "referral_answer_time")) == {
        "UNDER_24H": 1,
        "1_TO_3D": 1,
        "OVER_3D": 1,
    }
    referrals = build_tables(
        YEAR, [TableRequest("referrals", "category"), TableRequest("referrals", "source")]
    )
    assert by_row(referrals[0])["ACCEPTED"] == 2
    assert by_row(referrals[0])["DECLINED"] == 1
    assert by_row(referrals[0])["PENDING"] == 1
    assert by_row(referrals[1])["INSPECTION"] == 4


@override_settings(NRM_SMALL_CELL=1)
def test_inspections_by_focus_and_outcome(world: World) -> None:
    inspector = world.actor("inspector")
    site = a_worksite(world)
    day = date(YEAR, 3, 3)
    for focused, outcome in [
        (True, "TRAFFICKING_INDICATORS"),
        (True, None),
        (False, "PRO_JUSTITIA"),
    ]:
        inspection = inspection_plan(
            actor=inspector,
            planned_on=day,
            sector="F",
            worksite=site,
            trafficking_focused=focused,
        )
        inspection = inspection_carry_out(
            actor=inspector,
            inspection=inspection,
            expected_version=inspection.version,
            carried_out_on=day,
        )
        if outcome is not None:
            inspection_report(
                actor=inspector,
                inspection=inspection,
                expected_version=inspection.version,
                reported_on=day,
                outcome=outcome,
                findings="Workers housed on site.",
            )
    inspection_plan(actor=inspector, planned_on=day, sector="F")  # planned only: not counted
    facts_refresh(actor=world.actor("analyst"), year=YEAR)

    focus, outcomes = build_tables(
        YEAR, [TableRequest("inspections", "category"), TableRequest("inspections", "outcome")]
    )

    assert by_row(focus) == {"FOCUSED": 2, "OTHER": 1}
    assert by_row(outcomes)["TRAFFICKING_INDICATORS"] == 1
    assert by_row(outcomes)["PRO_JUSTITIA"] == 1
    assert by_row(outcomes)["UNKNOWN"] == 1  # carried out, not yet reported
    assert by_row(outcomes)["NO_INFRINGEMENT"] == 0


@override_settings(NRM_SMALL_CELL=1)
def test_humanitarian_residence_is_counted_among_the_documents(world: World) -> None:
    person = involved_person(world)
    walk(world, person, BE_PATHS["HUMANITARIAN_RESIDENCE"])
    facts_refresh(actor=world.actor("analyst"), year=2026)

    assert by_row(one(2026, "status_documents"))["HUMANITARIAN"] == 1


@override_settings(NRM_SMALL_CELL=1)
def test_a_document_issued_after_a_gap_is_counted(world: World) -> None:
    late, on_time = involved_person(world), involved_person(world)
    walk(world, late, TEMPORARY)  # the permit of 2024-04-15 ran until 2024-10-15
    walk(world, on_time, TEMPORARY)
    record(world, "prosecutor", late, "PROSECUTOR_OPINION", "2024-10-20", positive=True)
    record(world, "immigration", late, "TEMPORARY_PERMIT_RENEWED", "2024-10-25")
    facts_refresh(actor=world.actor("analyst"), year=2024)

    table = one(2024, "documents_after_gap")

    assert by_row(table)["PERMIT"] == 1
    assert table.shown.total == 1


@override_settings(NRM_SMALL_CELL=1)
def test_distinct_persons_count_a_human_with_two_records_once(world: World) -> None:
    same: dict[str, object] = {
        "given_names": "Ana",
        "family_name": "Lopes",
        "nationalities": ["PH"],
    }
    first = accepted_referral(world, **same)  # type: ignore[arg-type]
    second = accepted_referral(world, **same)  # type: ignore[arg-type]  # the same human again
    accepted_referral(world, given_names="Cyrille", family_name="Moerman")
    linkage_keys_refresh(actor=None, actor_label="test")
    facts_refresh(actor=world.actor("analyst"), year=YEAR)

    referred = one(YEAR, "presumed_victims_referred", "sex")
    distinct = one(YEAR, "presumed_victims_distinct")

    assert referred.shown.total == 3  # records
    assert distinct.shown.total == 2  # persons after linkage
    assert by_row(distinct) == {"ONE_RECORD": 1, "SEVERAL_RECORDS": 1}
    group = min(first.person.pk, second.person.pk)
    assert Fact.objects.filter(figure="presumed_victims_distinct", unit_key=group).count() == 1
