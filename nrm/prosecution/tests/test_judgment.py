"""A judgment can be recorded for a case where some suspects were never charged (issue 9
§6): only the defendants with a charge standing are judged, persons and companies alike,
through the action, the page and the API."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.test import Client

from nrm.core.errors import DomainError
from nrm.prosecution import actions, workflow
from nrm.prosecution.actions import VerdictData
from nrm.prosecution.forms import JudgmentForm
from nrm.prosecution.models import CaseFile, CaseSuspect, Judgment, Verdict
from nrm.prosecution.tests.support import (
    chain,
    charged_suspect,
    days_ago,
    decide,
    fresh,
    opened_case,
    police_person,
    with_investigator,
)
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def _mixed_case(world: World) -> tuple[CaseFile, dict[str, CaseSuspect]]:
    """Before the court: a person charged with trafficking, a company charged under the
    Social Penal Code, a person never charged, a company never charged, and a person whose
    only charge was withdrawn."""
    prosecutor = world.actor("prosecutor")
    case = decide(world, "prosecutor", opened_case(world), "open_investigation")
    _site, principal, _contractor, employer = chain(world)
    for company, role in [(employer, "EMPLOYER"), (principal, "PRINCIPAL")]:
        actions.case_company_link(actor=prosecutor, case=case, company=company, role=role)
    with_investigator(world, case)
    suspects = {"charged_person": charged_suspect(world, case)}
    suspects["charged_company"] = actions.case_suspect_add(
        actor=prosecutor, case=case, company=employer
    )
    actions.charge_add(
        actor=prosecutor,
        case=case,
        suspect=suspects["charged_company"],
        provision="BE-SPC-175",
        charged_on=days_ago(90),
    )
    suspects["uncharged_person"] = actions.case_suspect_add(
        actor=prosecutor,
        case=case,
        person_reference=police_person(world, given_names="Ana").reference,
    )
    suspects["uncharged_company"] = actions.case_suspect_add(
        actor=prosecutor, case=case, company=principal
    )
    suspects["withdrawn_person"] = actions.case_suspect_add(
        actor=prosecutor,
        case=case,
        person_reference=police_person(world, given_names="Mihai").reference,
    )
    withdrawn = actions.charge_add(
        actor=prosecutor,
        case=case,
        suspect=suspects["withdrawn_person"],
        provision="BE-SPC-175",
        charged_on=days_ago(90),
    )
    actions.charge_withdraw(actor=prosecutor, charge=withdrawn, withdrawn_on=days_ago(80))
    case = decide(world, "prosecutor", case, "indict", court=world.organisations["Court Brussels"])
    return case, suspects


def test_only_the_defendants_with_a_charge_standing_are_counted_and_offered(
    world: World,
) -> None:
    case, s = _mixed_case(world)
    state = workflow.case_state(fresh(case))
    assert (state.charged_suspects, state.trafficking_suspects) == (2, 1)
    form = JudgmentForm(case=fresh(case))
    assert {d.pk for d in form.defendants} == {s["charged_person"].pk, s["charged_company"].pk}
    assert f"outcome_{s['uncharged_person'].pk}" not in form.fields
    assert f"outcome_{s['withdrawn_person'].pk}" not in form.fields


def test_a_case_with_uncharged_suspects_is_judged_through_the_action(world: World) -> None:
    case, s = _mixed_case(world)
    with pytest.raises(DomainError) as refused:
        decide(
            world,
            "judge",
            case,
            "record_judgment",
            verdicts=[
                VerdictData(s["charged_person"], "CONVICTED"),
                VerdictData(s["charged_company"], "CONVICTED"),
                VerdictData(s["uncharged_person"], "ACQUITTED"),
            ],
        )
    assert refused.value.field == "verdicts"
    assert not Judgment.objects.exists()
    case = decide(
        world,
        "judge",
        case,
        "record_judgment",
        verdicts=[
            VerdictData(s["charged_person"], "CONVICTED", convicted_of_trafficking=True),
            VerdictData(s["charged_company"], "CONVICTED", fine_eur="48000.00"),
        ],
    )
    assert case.status == "JUDGED"
    assert set(Verdict.objects.values_list("suspect_id", flat=True)) == {
        s["charged_person"].pk,
        s["charged_company"].pk,
    }


def test_a_judge_records_the_judgment_of_a_mixed_case_in_the_browser(
    world: World, client_as: ClientAs
) -> None:
    case, s = _mixed_case(world)
    judge = client_as("judge")
    url = f"/prosecution/{case.reference}/decide/record_judgment/"
    person, company = s["charged_person"].pk, s["charged_company"].pk
    page = judge.get(f"/prosecution/{case.reference}/").content.decode()
    assert f"record_judgment-outcome_{person}" in page
    assert f"record_judgment-outcome_{s['uncharged_person'].pk}" not in page
    response = judge.post(
        url,
        {
            "record_judgment-version": fresh(case).version,
            "record_judgment-judged_on": days_ago(3),
            f"record_judgment-outcome_{person}": "CONVICTED",
            f"record_judgment-trafficking_{person}": "on",
            f"record_judgment-prison_{person}": 30,
            f"record_judgment-outcome_{company}": "ACQUITTED",
        },
    )
    assert response.status_code == 302
    assert fresh(case).status == "JUDGED"
    assert Verdict.objects.get(suspect_id=company).outcome == "ACQUITTED"


def test_a_judge_records_the_judgment_of_a_mixed_case_through_the_api(
    world: World, client_as: ClientAs
) -> None:
    case, s = _mixed_case(world)
    url = f"/api/v1/cases/{case.reference}/transitions/record_judgment"
    body = {
        "expected_version": fresh(case).version,
        "judged_on": days_ago(2).isoformat(),
        "verdicts": [
            {"suspect": s["charged_person"].pk, "outcome": "CONVICTED"},
            {"suspect": s["charged_company"].pk, "outcome": "CONVICTED"},
            {"suspect": s["uncharged_company"].pk, "outcome": "ACQUITTED"},
        ],
    }
    judge = client_as("judge")
    refused = judge.post(url, data=json.dumps(body), content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["error"]["field"] == "verdicts"
    assert not Judgment.objects.exists()
    body["verdicts"] = body["verdicts"][:2]  # type: ignore[index]
    response = judge.post(url, data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    assert response.json()["status"] == "JUDGED"
