"""The qualification form prefilled from a screening's figures and indicators (issue 16
item 2): one test per mapped family of fields, the page, access and audit."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from django.test import Client

from nrm.access.models import AuditEvent
from nrm.indicators.actions import LocalAnswerData, local_answers_record
from nrm.indicators.tests.helpers import FEE, a_question
from nrm.inspections.actions import ObservationData, ScreeningData, screening_create
from nrm.inspections.models import Screening
from nrm.inspections.tests.helpers import TODAY, a_screening, an_inspection, carried_out
from nrm.inspections.vocab import Framework
from nrm.people.actions import PersonData
from nrm.qualification.prefill import facts_initial
from nrm.testing import World

ClientAs = Callable[[str], Client]
FL = Framework.ILO_FORCED_LABOUR
EC = Framework.ILO_EC_OPERATIONAL
BE = Framework.BE_HUMAN_DIGNITY


def _screening(
    world: World,
    observations: list[tuple[str, str]],
    *,
    wage: str | None = None,
    hours: str | None = None,
    rest: int | None = None,
) -> Screening:
    inspection = carried_out(world, an_inspection(world, planned_on=TODAY - timedelta(days=3)))
    return screening_create(
        actor=world.actor("inspector"),
        inspection=inspection,
        data=ScreeningData(
            screened_on=TODAY - timedelta(days=1),
            new_person=PersonData(given_names="Ion", family_name="Rusu", age_at_first_contact=30),
            hourly_wage_eur=Decimal(wage) if wage else None,
            weekly_hours=Decimal(hours) if hours else None,
            rest_days_per_week=rest,
            observations=[ObservationData(f, i) for f, i in observations],
        ),
    )


def test_the_figures_fill_pay_hours_rest_and_the_configured_minimum(
    world: World,
) -> None:
    screening = _screening(world, [], wage="3.50", hours="62.5", rest=1)
    initial = facts_initial(screening).initial
    assert initial["hourly_wage_eur"] == Decimal("3.50")
    assert initial["weekly_hours"] == Decimal("62.5")
    assert initial["rest_days_per_week"] == 1
    assert initial["legal_minimum_hourly_wage_eur"] == Decimal("12.57")
    assert initial["start"] == screening.screened_on
    assert initial["number_of_victims"] == 1
    assert "end" not in initial
    nothing = facts_initial(_screening_again(world)).initial
    assert "hourly_wage_eur" not in nothing
    assert "legal_minimum_hourly_wage_eur" not in nothing


def _screening_again(world: World) -> Screening:
    inspection = carried_out(world, an_inspection(world))
    return a_screening(world, inspection, observations=[], given_names="Vasile")


def test_the_dignity_ticks_are_yes_and_what_was_not_ticked_stays_not_known(world: World) -> None:
    screening = _screening(
        world, [(BE, "DEGRADING_HOUSING"), (BE, "UNDECLARED_WORK"), (BE, "NO_REST_DAY")]
    )
    initial = facts_initial(screening).initial
    assert initial["housing_degrading"] == "yes"
    assert initial["housing_provided_by_employer"] == "yes"
    assert initial["undeclared_work"] == "yes"
    assert initial["rest_days_per_week"] == 0
    for name in (
        "unsafe_workplace",
        "wage_deductions",
        "dependency_on_employer",
        "humiliating_treatment",
    ):
        assert initial[name] == "", name
    assert initial["documents_withheld"] == ""
    retained = facts_initial(_screening(world, [(FL, "ILO-FL-07")])).initial
    assert retained["documents_withheld"] == "yes"


def test_the_indicators_propose_the_means(world: World) -> None:
    screening = _screening(
        world,
        [(FL, "ILO-FL-02"), (FL, "ILO-FL-05"), (EC, "ILOEC-AL-5.09"), (EC, "ILOEC-AL-5.03")],
    )
    prefill = facts_initial(screening)
    assert set(prefill.initial["means"]) == {
        "DECEPTION",
        "FORCE_VIOLENCE",
        "THREAT",
        "DEPRIVATION_OF_LIBERTY",
    }
    assert prefill.initial["means_unknown"] is False
    assert prefill.sources["DECEPTION"] == ["ILO-FL-02"]


def test_the_indicators_propose_the_vulnerabilities(world: World) -> None:
    # 3.02 abuse of illegal status; 6.03 economic reasons (at destination).
    screening = _screening(world, [(EC, "ILOEC-AL-3.02"), (EC, "ILOEC-AL-6.03")])
    initial = facts_initial(screening).initial
    assert set(initial["vulnerabilities"]) == {
        "IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS",
        "PRECARIOUS_SOCIAL_SITUATION",
    }
    assert "ABUSE_OF_VULNERABILITY" in initial["means"]


def test_the_indicators_propose_the_acts(world: World) -> None:
    screening = _screening(world, [(EC, "ILOEC-AL-1.01"), (BE, "DEGRADING_HOUSING")])
    initial = facts_initial(screening).initial
    assert set(initial["acts"]) == {"RECRUIT", "HARBOUR"}
    assert initial["acts_unknown"] is False


def test_the_indicators_propose_the_purposes(world: World) -> None:
    initial = facts_initial(
        _screening(world, [(BE, "UNSAFE_WORKPLACE"), (FL, "ILO-FL-07"), (FL, "ILO-FL-09")])
    ).initial
    assert set(initial["purposes"]) == {
        "WORK_CONTRARY_TO_HUMAN_DIGNITY",
        "FORCED_LABOUR_OR_SERVICES",
    }
    one = facts_initial(_screening(world, [(FL, "ILO-FL-07")])).initial
    assert one["purposes"] == []  # one ILO indicator is under the suggestion's minimum
    assert one["purposes_unknown"] is True


def test_nothing_observed_leaves_every_list_not_known(world: World) -> None:
    initial = facts_initial(_screening(world, [])).initial
    for name in ("acts", "means", "purposes", "vulnerabilities"):
        assert initial[name] == [], name
        assert initial[f"{name}_unknown"] is True, name


def test_local_answers_never_reach_the_qualification(world: World) -> None:
    a_question(world, FEE)
    screening = _screening(world, [(BE, "DEGRADING_HOUSING")], wage="4")
    before = facts_initial(screening).initial
    local_answers_record(
        actor=world.actor("inspector"),
        screening=screening,
        answers=[LocalAnswerData("BE-RECRUITMENT-FEE", "yes")],
    )
    assert facts_initial(screening).initial == before


def test_the_page_is_prefilled_from_the_screening_and_the_read_audited(
    world: World, client_as: ClientAs
) -> None:
    screening = _screening(world, [(FL, "ILO-FL-02"), (BE, "DEGRADING_HOUSING")], hours="62.5")
    page = client_as("inspector").get(f"/qualification/?screening={screening.reference}")
    html = page.content.decode()
    assert page.status_code == 200
    assert f"Prefilled from screening {screening.reference}" in html
    assert 'name="weekly_hours" value="62.5"' in html
    deception = re.search(r'<input[^>]*name="means" value="DECEPTION"[^>]*>', html)
    assert deception is not None
    assert "checked" in deception.group(0)
    assert AuditEvent.objects.filter(
        action="qualification_prefill_view", record_id=str(screening.pk)
    ).exists()
    screening_page = client_as("inspector").get(f"/inspections/screenings/{screening.reference}/")
    assert f"/qualification/?screening={screening.reference}" in screening_page.content.decode()


def test_an_outsider_gets_404_and_the_plain_page_still_works(
    world: World, client_as: ClientAs
) -> None:
    screening = _screening(world, [])
    for persona in ("caseworker_a", "prosecutor", "coordinator"):
        response = client_as(persona).get(f"/qualification/?screening={screening.reference}")
        assert response.status_code == 404, persona
    assert client_as("caseworker_a").get("/qualification/").status_code == 200
