"""/api/v1/ for case files: per endpoint it works, an outsider gets 404, a role without the
right gets 403, bad input 400, a changed or wrong state 409, and the read or write is audited.
Amounts travel as exact decimals."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.prosecution import workflow
from nrm.prosecution.models import Asset, CaseFile, CaseSuspect
from nrm.prosecution.tests.support import (
    TODAY,
    before_the_court,
    days_ago,
    decide,
    last_audit_id,
    named_victim,
    opened_case,
)
from nrm.prosecution.tests.test_qualification import facts
from nrm.testing import World

ClientAs = Callable[[str], Client]


def post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def raw(client: Client, url: str, text: str) -> Any:
    return client.post(url, data=text, content_type="application/json")


def test_a_prosecutor_opens_and_lists_case_files(world: World, client_as: ClientAs) -> None:
    client = client_as("prosecutor")
    created = post(
        client,
        "/api/v1/cases",
        {"title": "Car wash", "exploitation_form": "LABOUR", "opened_on": days_ago(1).isoformat()},
    )
    assert created.status_code == 201
    reference = created.json()["reference"]
    since = last_audit_id()
    listed = client.get("/api/v1/cases").json()["results"]
    assert [row["reference"] for row in listed] == [reference]
    assert AuditEvent.objects.filter(pk__gt=since, action="api_case_list").exists()
    assert client_as("analyst").get("/api/v1/cases").json() == {"results": [], "next_cursor": None}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "x", "exploitation_form": "LABOUR", "opened_on": "2025-02-30"}, "opened_on"),
        ({"title": "", "exploitation_form": "LABOUR", "opened_on": "2025-01-01"}, "title"),
        (
            {"title": "x", "exploitation_form": "NOPE", "opened_on": "2025-01-01"},
            "exploitation_form",
        ),
    ],
)
def test_bad_input_is_answered_400_with_the_field(
    world: World, client_as: ClientAs, body: dict[str, Any], field: str
) -> None:
    response = post(client_as("prosecutor"), "/api/v1/cases", body)
    assert response.status_code == 400
    assert response.json()["error"]["field"] == field
    assert not CaseFile.objects.exists()


def test_only_a_prosecutor_opens_a_case_file(world: World, client_as: ClientAs) -> None:
    response = post(
        client_as("judge"),
        "/api/v1/cases",
        {"title": "x", "exploitation_form": "LABOUR", "opened_on": "2025-01-01"},
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_a_case_file_is_read_with_its_decisions_and_the_read_is_audited(
    world: World, client_as: ClientAs
) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    decide(world, "prosecutor", case, "open_investigation")
    since = last_audit_id()
    body = client_as("prosecutor").get(f"/api/v1/cases/{case.reference}").json()
    assert body["victims"] == [victim.person.reference]
    assert body["decisions"][0]["decision"] == "open_investigation"
    transitions = {t["name"]: t for t in body["transitions"]}
    assert transitions["give_opinion"]["allowed"]
    assert AuditEvent.objects.filter(pk__gt=since, action="api_case_view").exists()
    assert client_as("caseworker_a").get(f"/api/v1/cases/{case.reference}").status_code == 404
    assert client_as("prosecutor").get("/api/v1/cases/C-NONE-NONE").status_code == 404


def test_a_decision_through_the_api(world: World, client_as: ClientAs) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    url = f"/api/v1/cases/{case.reference}/transitions"
    client = client_as("prosecutor")
    opened = post(
        client,
        f"{url}/open_investigation",
        {"expected_version": 1, "decided_on": days_ago(2).isoformat()},
    )
    assert opened.status_code == 200
    assert opened.json()["status"] == "INVESTIGATION"
    stale = post(
        client,
        f"{url}/dismiss",
        {
            "expected_version": 1,
            "decided_on": days_ago(1).isoformat(),
            "reason_code": "OTHER",
            "reason": "x",
        },
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "conflict"
    wrong_state = post(
        client,
        f"{url}/open_investigation",
        {"expected_version": 2, "decided_on": days_ago(1).isoformat()},
    )
    assert wrong_state.status_code == 409
    bad = post(
        client,
        f"{url}/give_opinion",
        {
            "expected_version": 2,
            "decided_on": days_ago(1).isoformat(),
            "victim": victim.person.reference,
            "positive": "yes",
        },
    )
    assert (bad.status_code, bad.json()["error"]["field"]) == (400, "positive")
    opinion = post(
        client,
        f"{url}/give_opinion",
        {
            "expected_version": 2,
            "decided_on": days_ago(1).isoformat(),
            "victim": victim.person.reference,
            "positive": True,
        },
    )
    assert opinion.status_code == 200
    assert opinion.json()["decisions"][-1]["pathway"][0]["status"] == "SKIPPED"
    assert post(client, f"{url}/explode", {}).status_code == 404
    reopen = {"expected_version": 3, "decided_on": days_ago(1).isoformat(), "reason": "x"}
    investigator = post(client_as("investigator"), f"{url}/reopen", reopen)
    assert investigator.status_code == 403
    outsider = post(client_as("analyst"), f"{url}/reopen", reopen)
    assert outsider.status_code == 404


def test_a_judgment_through_the_api(world: World, client_as: ClientAs) -> None:
    case = before_the_court(world, opened_case(world))
    suspect = CaseSuspect.objects.get(case=case)
    version = CaseFile.objects.get(pk=case.pk).version
    response = raw(
        client_as("judge"),
        f"/api/v1/cases/{case.reference}/transitions/record_judgment",
        f'{{"expected_version": {version}, "judged_on": "{days_ago(1).isoformat()}", '
        f'"verdicts": [{{"suspect": {suspect.pk}, "outcome": "CONVICTED", '
        '"convicted_of_trafficking": true, "prison_months": 30, "confiscation_eur": "15000.25"}]}',
    )
    assert response.status_code == 200
    assert response.json()["status"] == "JUDGED"
    from nrm.prosecution.models import Verdict

    assert str(Verdict.objects.get().confiscation_eur) == "15000.25"


def test_a_qualification_through_the_api(world: World, client_as: ClientAs) -> None:
    case = opened_case(world)
    url = f"/api/v1/cases/{case.reference}/qualifications"
    created = post(client_as("prosecutor"), url, {"facts": facts(), "jurisdictions": ["BE"]})
    assert created.status_code == 201
    assert created.json()["summary"] == "POSSIBLE_PENDING_ASSESSMENT"
    bad = post(client_as("prosecutor"), url, {"facts": facts(acts="RECRUIT")})
    assert bad.status_code == 400
    assert post(client_as("prosecutor"), url, {"facts": "yes"}).status_code == 400
    assert post(client_as("judge"), url, {"facts": facts()}).status_code == 404
    assert post(client_as("analyst"), url, {"facts": facts()}).status_code == 404


def test_assets_and_allocations_travel_as_exact_decimals(world: World, client_as: ClientAs) -> None:
    case = before_the_court(world, opened_case(world))
    url = f"/api/v1/cases/{case.reference}/assets"
    frozen = raw(
        client_as("prosecutor"),
        url,
        f'{{"kind": "BANK_ACCOUNT", "value_eur": "1234567.89", "frozen_on": "{days_ago(5)}"}}',
    )
    assert frozen.status_code == 201
    assert frozen.json()["value_eur"] == "1234567.89"
    assert Asset.objects.get().value_eur.as_tuple().exponent == -2
    too_precise = raw(
        client_as("prosecutor"),
        url,
        f'{{"kind": "CASH", "value_eur": "0.105", "frozen_on": "{days_ago(5)}"}}',
    )
    assert (too_precise.status_code, too_precise.json()["error"]["field"]) == (400, "value_eur")
    cash = {"kind": "CASH", "value_eur": "10", "frozen_on": days_ago(5).isoformat()}
    assert post(client_as("investigator"), url, cash).status_code == 403
    assert client_as("analyst").get(url).status_code == 404
    asset_id = frozen.json()["id"]
    early = post(
        client_as("judge"),
        f"{url}/{asset_id}/confiscate",
        {
            "expected_version": 1,
            "confiscated_on": days_ago(1).isoformat(),
            "confiscated_value_eur": "100",
        },
    )
    assert early.status_code == 409
    assert (
        post(
            client_as("prosecutor"),
            f"{url}/{asset_id}/confiscate",
            {
                "expected_version": 1,
                "confiscated_on": days_ago(1).isoformat(),
                "confiscated_value_eur": "1",
            },
        ).status_code
        == 403
    )
    suspect = CaseSuspect.objects.get(case=case)
    from nrm.prosecution.actions import VerdictData

    decide(world, "judge", case, "record_judgment", verdicts=[VerdictData(suspect, "CONVICTED")])
    done = post(
        client_as("judge"),
        f"{url}/{asset_id}/confiscate",
        {
            "expected_version": 1,
            "confiscated_on": days_ago(1).isoformat(),
            "confiscated_value_eur": "1000.10",
        },
    )
    assert done.json()["confiscated_value_eur"] == "1000.10"
    from nrm.prosecution import actions

    victim = named_victim(world, case)
    party = actions.civil_party_join(
        actor=world.actor("judge"), case=case, kind="VICTIM", joined_on=days_ago(2), victim=victim
    )
    claim = actions.civil_claim_file(
        actor=world.actor("judge"),
        civil_party=party,
        amount_claimed_eur="5000",
        filed_on=days_ago(2),
    )
    actions.civil_claim_decide(
        actor=world.actor("judge"),
        claim=claim,
        expected_version=1,
        status="AWARDED",
        decided_on=days_ago(1),
        amount_awarded_eur="5000",
    )
    allocations = f"/api/v1/cases/{case.reference}/allocations"
    over = post(
        client_as("judge"),
        allocations,
        {"amount_eur": "1000.11", "allocated_on": TODAY.isoformat(), "civil_claim": claim.pk},
    )
    assert over.status_code == 409
    made = post(
        client_as("judge"),
        allocations,
        {"amount_eur": "1000.10", "allocated_on": TODAY.isoformat(), "civil_claim": claim.pk},
    )
    assert made.status_code == 201
    assert made.json()["remaining_eur"] == "0.00"
    assert post(client_as("judge"), allocations, {"amount_eur": "x"}).status_code == 400
    allocation = {"amount_eur": "1", "allocated_on": TODAY.isoformat()}
    assert post(client_as("prosecutor"), allocations, allocation).status_code == 403
    assert AuditEvent.objects.filter(action="allocation_make").count() == 1


def test_case_targets_through_the_api(world: World, client_as: ClientAs) -> None:
    body = client_as("prosecutor").get("/api/v1/case-targets").json()
    assert body["offices"][0]["office"] == "Auditorate Brussels"
    assert body["default_target"] == {"value": 12, "tag": "PRODUCT"}
    assert client_as("prosecutor").get("/api/v1/case-targets?year=nope").status_code == 400
    assert client_as("analyst").get("/api/v1/case-targets").status_code == 403


def test_the_openapi_document_lists_the_case_endpoints(client_as: ClientAs) -> None:
    paths = client_as("prosecutor").get("/api/v1/openapi.json").json()["paths"]
    for name in workflow.TRANSITIONS:
        assert f"/api/v1/cases/{{reference}}/transitions/{name}" in paths
    assert "/api/v1/persons/{reference}/procedural-facts" in paths


@pytest.mark.parametrize(
    "value", ["1e3", "1E3", 1000, 1000.5, "-5", " 5", "NaN", "Infinity", "1e30", "1234567890123"]
)
def test_an_amount_is_written_out_in_euros_or_refused(
    world: World, client_as: ClientAs, value: object
) -> None:
    case = before_the_court(world, opened_case(world))
    response = post(
        client_as("prosecutor"),
        f"/api/v1/cases/{case.reference}/assets",
        {"kind": "CASH", "value_eur": value, "frozen_on": days_ago(5).isoformat()},
    )
    assert response.status_code == 400, response.content
    assert response.json()["error"]["field"] == "value_eur"
    assert not Asset.objects.exists()


def test_every_decision_takes_expected_version(world: World, client_as: ClientAs) -> None:
    case = opened_case(world)
    url = f"/api/v1/cases/{case.reference}/transitions/open_investigation"
    old_name = post(client_as("prosecutor"), url, {"version": 1, "decided_on": "2025-01-01"})
    assert old_name.status_code == 400
    assert {p["path"] for p in old_name.json()["error"]["problems"]} == {
        "version",
        "expected_version",
    }
    document = client_as("prosecutor").get("/api/v1/openapi.json").json()
    for name in workflow.TRANSITIONS:
        operation = document["paths"][f"/api/v1/cases/{{reference}}/transitions/{name}"]["post"]
        ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        body = document["components"]["schemas"][ref.rsplit("/", 1)[1]]
        assert "expected_version" in body["required"]


@pytest.mark.parametrize("pk", ["99999999999999999999999", "9223372036854775808", "-1"])
def test_an_asset_id_beyond_64_bits_is_not_a_server_error(
    world: World, client_as: ClientAs, pk: str
) -> None:
    case = before_the_court(world, opened_case(world))
    response = post(
        client_as("prosecutor"),
        f"/api/v1/cases/{case.reference}/assets/{pk}/release",
        {"expected_version": 1, "released_on": TODAY.isoformat()},
    )
    assert response.status_code in {400, 404}
    assert set(response.json()) == {"error"}
