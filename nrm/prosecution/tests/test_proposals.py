"""Facts carried forward (issue 16 item 2): linking an inspection to a case proposes its
workers as victims, the companies of its site's chain as suspects and its evidence; the
prosecutor confirms each, several or all in one step, or sets them aside; nothing becomes a
victim or a suspect silently."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.inspections.actions import evidence_add
from nrm.inspections.models import Inspection
from nrm.inspections.tests.helpers import a_screening, an_inspection, carried_out
from nrm.prosecution import actions
from nrm.prosecution.models import (
    CaseCompany,
    CaseEvidence,
    CaseFile,
    CaseProposal,
    CaseSuspect,
    CaseVictim,
)
from nrm.prosecution.tests.support import (
    MINIMAL_PDF,
    assign,
    chain,
    last_audit_id,
    opened_case,
)
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
HX = {"HX-Request": "true"}


def _linked(world: World) -> tuple[CaseFile, Inspection]:
    """An inspection of a site with a chain of three companies, two workers screened and a
    pay slip, linked to the case by the inspector assigned to it."""
    site, _principal, _contractor, _employer = chain(world)
    inspector = world.actor("inspector")
    inspection = carried_out(world, an_inspection(world, worksite=site))
    a_screening(world, inspection, consent="NOT_ASKED")
    a_screening(world, inspection, consent="NOT_ASKED", given_names="Vasile", observations=[])
    evidence_add(
        actor=inspector, inspection=inspection, kind="PAY_SLIP", upload=io.BytesIO(MINIMAL_PDF)
    )
    case = opened_case(world)
    assign(world, case, inspector)
    actions.case_inspection_link(actor=inspector, case=case, inspection=inspection)
    return case, inspection


def _post(client: Client, case: CaseFile, decision: str, *rows: CaseProposal) -> int:
    data = {"proposals-decision": decision, "proposals-proposals": [r.pk for r in rows]}
    return client.post(f"/prosecution/{case.reference}/do/proposals/", data, headers=HX).status_code


def test_linking_an_inspection_proposes_its_workers_companies_and_evidence(
    world: World,
) -> None:
    case, _inspection = _linked(world)
    kinds = sorted(CaseProposal.objects.filter(case=case).values_list("kind", "role"))
    assert kinds == [
        ("EVIDENCE", ""),
        ("SUSPECT", "CONTRACTOR"),
        ("SUSPECT", "EMPLOYER"),
        ("SUSPECT", "PRINCIPAL"),
        ("VICTIM", ""),
        ("VICTIM", ""),
    ]
    # Proposed, not named: nothing changed in the case itself.
    assert not CaseVictim.objects.filter(case=case).exists()
    assert not CaseSuspect.objects.filter(case=case).exists()
    assert not CaseEvidence.objects.filter(case=case).exists()
    assert AuditEvent.objects.filter(action="case_proposals_add").count() == 1


def test_the_prosecutor_sees_the_proposals_and_the_investigator_does_not(
    world: World, client_as: ClientAs
) -> None:
    case, inspection = _linked(world)
    page = client_as("prosecutor").get(f"/prosecution/{case.reference}/?open=proposals")
    html = page.content.decode()
    assert "Renov SRL" in html
    assert inspection.reference in html
    assert "Confirm all" in html
    url = f"/prosecution/{case.reference}/sections/proposals/"
    assert client_as("investigator").get(url, headers=HX).status_code == 404
    assert _post(client_as("inspector"), case, "confirm_all") == 403


def test_the_prosecutor_confirms_the_chosen_ones_and_sets_others_aside(
    world: World, client_as: ClientAs
) -> None:
    case, _inspection = _linked(world)
    prosecutor = client_as("prosecutor")
    worker, other = CaseProposal.objects.filter(case=case, kind="VICTIM").order_by("pk")
    employer = CaseProposal.objects.get(case=case, role="EMPLOYER")
    since = last_audit_id()
    assert _post(prosecutor, case, "confirm", worker, employer) == 200
    assert list(CaseVictim.objects.filter(case=case).values_list("person", flat=True)) == [
        worker.person_id
    ]
    link = CaseCompany.objects.get(case=case)
    assert (link.company_id, link.role) == (employer.company_id, "EMPLOYER")
    assert CaseSuspect.objects.get(case=case).company_id == employer.company_id
    actions_written = set(AuditEvent.objects.filter(pk__gt=since).values_list("action", flat=True))
    assert {"case_victim_add", "case_company_link", "case_suspect_add"} <= actions_written
    assert "case_proposals_decide" in actions_written
    assert _post(prosecutor, case, "set_aside", other) == 200
    other.refresh_from_db()
    assert other.status == "SET_ASIDE"
    assert CaseVictim.objects.filter(case=case).count() == 1
    # Decided ones are not decided again.
    assert _post(prosecutor, case, "confirm", other) == 400


def test_confirm_all_brings_everything_still_proposed(world: World, client_as: ClientAs) -> None:
    case, _inspection = _linked(world)
    assert _post(client_as("prosecutor"), case, "confirm_all") == 200
    assert CaseVictim.objects.filter(case=case).count() == 2
    assert CaseSuspect.objects.filter(case=case).count() == 3
    # The prosecutor does not see the inspection itself; its evidence joins the case file.
    assert CaseEvidence.objects.filter(case=case).count() == 1
    assert not CaseProposal.objects.filter(case=case, status="PROPOSED").exists()


def test_choosing_nothing_is_refused_and_nothing_changes(world: World, client_as: ClientAs) -> None:
    case, _inspection = _linked(world)
    assert _post(client_as("prosecutor"), case, "confirm") == 400
    assert _post(client_as("prosecutor"), case, "explode") == 400
    assert not CaseProposal.objects.exclude(status="PROPOSED").exists()


def test_a_second_inspection_does_not_propose_again_what_the_case_has(world: World) -> None:
    case, inspection = _linked(world)
    actions.case_proposals_decide(
        actor=world.actor("prosecutor"),
        case=case,
        proposals=list(CaseProposal.objects.values_list("pk", flat=True)),
        confirm=True,
    )
    inspector = world.actor("inspector")
    again = carried_out(world, an_inspection(world, worksite=inspection.worksite))
    actions.case_inspection_link(actor=inspector, case=case, inspection=again)
    assert not CaseProposal.objects.filter(case=case, status="PROPOSED").exists()
