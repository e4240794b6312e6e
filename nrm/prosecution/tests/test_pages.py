"""The case file pages: a prosecutor carries a case from opening to judgment in the browser;
each form answers 403, 400 or 409 as the rules say; lists and the case page take a fixed
number of queries."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nrm.access.models import AuditEvent
from nrm.inspections.actions import evidence_add, inspection_carry_out, inspection_plan
from nrm.prosecution import actions, queries
from nrm.prosecution.models import (
    Asset,
    CaseDecision,
    CaseFile,
    CaseSuspect,
    DisclosureDecision,
    ProtectedStatement,
    QualificationSnapshot,
)
from nrm.prosecution.tests.support import (
    MINIMAL_PDF,
    TODAY,
    assign,
    before_the_court,
    charged_suspect,
    days_ago,
    fresh,
    last_audit_id,
    named_victim,
    opened_case,
    police_person,
    to_temporary_stay,
)
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def test_a_prosecutor_carries_a_case_from_opening_to_judgment(
    world: World, client_as: ClientAs
) -> None:
    prosecutor = client_as("prosecutor")
    opened = prosecutor.post(
        "/prosecution/new/",
        {"title": "Tower lot B", "exploitation_form": "LABOUR", "opened_on": days_ago(90)},
    )
    assert opened.status_code == 302
    case = CaseFile.objects.get()
    url = f"/prosecution/{case.reference}"
    assert prosecutor.get(f"{url}/").status_code == 200

    assign(world, case, world.actor("investigator"))
    victim = police_person(world)
    suspect = police_person(world, given_names="Victor")
    assert (
        prosecutor.post(f"{url}/do/victim/", {"victim-person": victim.reference}).status_code == 302
    )
    assert (
        prosecutor.post(
            f"{url}/do/suspect/",
            {"suspect-person": suspect.reference, "suspect-gender": "NonSpecifiedUnknown"},
        ).status_code
        == 302
    )
    named = CaseSuspect.objects.get(case=case)
    assert (
        prosecutor.post(
            f"{url}/do/charge/",
            {"charge-suspect": named.pk, "charge-provision": "BE-CP-433quinquies"},
        ).status_code
        == 302
    )

    def decide(name: str, data: dict[str, object], client: Client = prosecutor) -> int:
        version = fresh(case).version
        payload = {f"{name}-{k}": v for k, v in {"version": version, **data}.items()}
        return client.post(f"{url}/decide/{name}/", payload).status_code

    assert decide("open_investigation", {"decided_on": days_ago(60)}) == 302
    case_victim = case.victims.get()
    assert (
        decide(
            "give_opinion",
            {"decided_on": days_ago(59), "victim": case_victim.pk, "positive": "yes"},
        )
        == 302
    )
    assert (
        prosecutor.post(
            f"{url}/do/freeze/",
            {
                "freeze-kind": "BANK_ACCOUNT",
                "freeze-value_eur": "48000.00",
                "freeze-frozen_on": days_ago(50),
            },
        ).status_code
        == 302
    )
    court = world.organisations["Court Brussels"].pk
    assert decide("indict", {"decided_on": days_ago(30), "court": court}) == 302
    assert (
        decide("request_conviction", {"decided_on": days_ago(20), "defendants": [named.pk]}) == 302
    )
    judge = client_as("judge")
    assert (
        decide(
            "record_judgment",
            {
                "judged_on": days_ago(5),
                f"outcome_{named.pk}": "CONVICTED",
                f"trafficking_{named.pk}": "on",
                f"prison_{named.pk}": 36,
                f"confiscation_{named.pk}": "40000.00",
            },
            judge,
        )
        == 302
    )
    asset = Asset.objects.get()
    assert (
        judge.post(
            f"{url}/records/asset/{asset.pk}/confiscate/",
            {
                "confiscate-version": asset.version,
                "confiscate-confiscated_on": days_ago(4),
                "confiscate-confiscated_value_eur": "40000.00",
            },
        ).status_code
        == 302
    )
    assert fresh(case).status == "JUDGED"
    assert list(CaseDecision.objects.filter(case=case).values_list("transition", flat=True)) == [
        "open_investigation",
        "give_opinion",
        "indict",
        "request_conviction",
        "record_judgment",
    ]
    page = prosecutor.get(f"{url}/").content.decode()
    assert "40,000.00" in page or "40000.00" in page


def test_a_decision_form_answers_403_400_and_409(world: World, client_as: ClientAs) -> None:
    case = opened_case(world)
    assign(world, case, world.actor("investigator"))
    url = f"/prosecution/{case.reference}/decide"
    assert (
        client_as("investigator")
        .post(f"{url}/open_investigation/", {"open_investigation-version": 1})
        .status_code
        == 403
    )
    assert client_as("analyst").post(f"{url}/open_investigation/", {}).status_code == 404
    bad = client_as("prosecutor").post(
        f"{url}/open_investigation/",
        {"open_investigation-version": 1, "open_investigation-decided_on": "soon"},
    )
    assert bad.status_code == 400
    future = client_as("prosecutor").post(
        f"{url}/open_investigation/",
        {"open_investigation-version": 1, "open_investigation-decided_on": days_ago(-3)},
    )
    assert future.status_code == 400
    stale = client_as("prosecutor").post(
        f"{url}/open_investigation/",
        {"open_investigation-version": 7, "open_investigation-decided_on": TODAY},
    )
    assert stale.status_code == 409
    assert "Someone else decided" in stale.content.decode()
    wrong = client_as("prosecutor").post(
        f"{url}/indict/",
        {
            "indict-version": 1,
            "indict-decided_on": TODAY,
            "indict-court": world.organisations["Court Brussels"].pk,
        },
    )
    assert wrong.status_code == 409
    assert client_as("prosecutor").post(f"{url}/explode/", {}).status_code == 404
    assert fresh(case).status == "REGISTERED"


def test_an_operation_form_answers_403_400_and_409(world: World, client_as: ClientAs) -> None:
    case = before_the_court(world, opened_case(world))
    url = f"/prosecution/{case.reference}/do"
    assert client_as("judge").post(f"{url}/freeze/", {}).status_code == 403
    assert client_as("investigator").post(f"{url}/freeze/", {}).status_code == 403
    assert client_as("caseworker_a").post(f"{url}/freeze/", {}).status_code == 404
    bad = client_as("prosecutor").post(
        f"{url}/freeze/",
        {"freeze-kind": "CASH", "freeze-value_eur": "1.234", "freeze-frozen_on": TODAY},
    )
    assert bad.status_code == 400
    asset = actions.asset_freeze(
        actor=world.actor("prosecutor"), case=case, kind="CASH", value_eur="100", frozen_on=TODAY
    )
    records = f"/prosecution/{case.reference}/records"
    no_conviction = client_as("judge").post(
        f"{records}/asset/{asset.pk}/confiscate/",
        {
            "confiscate-version": 1,
            "confiscate-confiscated_on": TODAY,
            "confiscate-confiscated_value_eur": "100",
        },
    )
    assert no_conviction.status_code == 409
    other_case = opened_case(world)
    foreign = actions.asset_freeze(
        actor=world.actor("prosecutor"),
        case=other_case,
        kind="CASH",
        value_eur="1",
        frozen_on=TODAY,
    )
    assert (
        client_as("prosecutor")
        .post(
            f"{records}/asset/{foreign.pk}/release/",
            {
                "release-version": 1,
                "release-released_on": TODAY,
                "release-reason": "x",
            },
        )
        .status_code
        == 404
    )
    assert client_as("prosecutor").post(f"{url}/teleport/", {}).status_code == 404


def test_the_qualification_page_keeps_a_snapshot(world: World, client_as: ClientAs) -> None:
    case = opened_case(world)
    url = f"/prosecution/{case.reference}/qualify/"
    assert client_as("prosecutor").get(url).status_code == 200
    assert client_as("judge").get(url).status_code == 404
    response = client_as("prosecutor").post(
        url,
        {
            "start": "2024-03-01",
            "end": "2024-11-30",
            "age_at_acts": 34,
            "acts": ["RECRUIT", "HARBOUR"],
            "purposes": ["WORK_CONTRARY_TO_HUMAN_DIGNITY"],
            "number_of_victims": 3,
            "jurisdictions": ["BE"],
            "note": "After the joint action.",
        },
    )
    assert response.status_code == 302
    snapshot = QualificationSnapshot.objects.get()
    page = client_as("prosecutor").get(response["Location"])
    assert page.status_code == 200
    assert "BE-CP-433quinquies" in page.content.decode()
    assert snapshot.note == "After the joint action."
    assert client_as("prosecutor").post(url, {"start": "2024-03-01"}).status_code == 400


def test_the_judge_decides_and_exports_once_from_the_statement_page(
    world: World, client_as: ClientAs
) -> None:
    case = before_the_court(world, opened_case(world))
    victim = named_victim(world, case)
    statement = actions.statement_record(
        actor=world.actor("investigator"),
        case=case,
        victim=victim,
        taken_on=days_ago(20),
        text="The foreman kept our passports.",
    )
    url = f"/prosecution/statements/{statement.reference}/"
    assert client_as("prosecutor").post(url, {"outcome": "GRANTED"}).status_code == 403
    assert (
        client_as("judge")
        .post(url, {"outcome": "GRANTED", "decided_on": TODAY, "scope": "REDACTED"})
        .status_code
        == 400
    )
    decided = client_as("judge").post(
        url,
        {
            "outcome": "GRANTED",
            "decided_on": TODAY,
            "scope": "REDACTED",
            "redacted_text": "The foreman kept [...].",
            "recipient": "Maître Dupont",
        },
    )
    assert decided.status_code == 302
    disclosure = DisclosureDecision.objects.get()
    export = f"/prosecution/disclosures/{disclosure.pk}/export/"
    assert client_as("prosecutor").post(export).status_code == 403
    since = last_audit_id()
    document = client_as("judge").post(export)
    assert document.status_code == 200
    assert document["Content-Disposition"].startswith("attachment")
    text = document.content.decode()
    assert "The foreman kept [...]." in text
    assert "passports" not in text
    assert "Maître Dupont" in text
    assert AuditEvent.objects.filter(pk__gt=since, action="disclosure_export").count() == 1
    assert client_as("judge").post(export).status_code == 409
    assert client_as("investigator").post(export).status_code == 404
    assert ProtectedStatement.objects.count() == 1


def test_linked_evidence_is_downloaded_through_the_case_and_audited(
    world: World, client_as: ClientAs
) -> None:
    case = before_the_court(world, opened_case(world))
    inspector = world.actor("inspector")
    assign(world, case, inspector)
    inspection = inspection_carry_out(
        actor=inspector,
        inspection=inspection_plan(actor=inspector, planned_on=days_ago(40), sector="F"),
        expected_version=1,
        carried_out_on=days_ago(40),
    )
    evidence = evidence_add(
        actor=inspector, inspection=inspection, kind="PAY_SLIP", upload=io.BytesIO(MINIMAL_PDF)
    )
    actions.case_evidence_link(actor=inspector, case=case, evidence=evidence)
    url = f"/prosecution/{case.reference}/evidence/{evidence.reference}/"
    since = last_audit_id()
    response = client_as("judge").get(url)
    assert response.status_code == 200
    assert response.content == MINIMAL_PDF
    assert AuditEvent.objects.filter(pk__gt=since, action="case_evidence_download").exists()
    assert client_as("caseworker_a").get(url).status_code == 404
    assert (
        client_as("judge").get(f"/prosecution/{case.reference}/evidence/E-NONE-NONE/").status_code
        == 404
    )


def test_the_case_list_takes_one_query_for_the_rows(world: World) -> None:
    for _ in range(3):
        case = opened_case(world)
        named_victim(world, case)
    with CaptureQueriesContext(connection) as captured:
        rows = list(queries.cases_listed(world.actor("prosecutor")))
    assert [r.victim_count for r in rows] == [1, 1, 1]  # type: ignore[attr-defined]
    assert len(captured.captured_queries) == 1


def _case_page_queries(world: World, client: Client, case: CaseFile) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/prosecution/{case.reference}/").status_code == 200
    return len(captured.captured_queries)


def test_the_case_page_takes_the_same_number_of_queries_however_full_the_file(
    world: World, client_as: ClientAs
) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    case = to_temporary_stay(world, case, victim)
    charged_suspect(world, case)
    client = client_as("prosecutor")
    small = _case_page_queries(world, client, case)
    for _ in range(3):
        more = named_victim(world, case)
        actions.asset_freeze(
            actor=world.actor("prosecutor"), case=case, kind="CASH", value_eur="10", frozen_on=TODAY
        )
        actions.case_opinion_give(
            actor=world.actor("prosecutor"),
            case=fresh(case),
            expected_version=fresh(case).version,
            decided_on=TODAY,
            victim=more,
            positive=True,
        )
        charged_suspect(world, case)
    assert _case_page_queries(world, client, case) == small
