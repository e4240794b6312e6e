"""/api/v1/ for inspections, joint actions, screenings and evidence metadata: the same rules
as the pages, the one error shape, strict parsing."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.inspections.models import Inspection, Screening
from nrm.inspections.tests.helpers import (
    TODAY,
    YESTERDAY,
    a_joint_action,
    a_screening,
    a_worksite,
    an_inspection,
    carried_out,
)
from nrm.inspections.tests.test_evidence import MINIMAL_PDF, photo_with_gps
from nrm.testing import World

ClientAs = Callable[[str], Client]


def post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_an_inspector_plans_and_lists_inspections(world: World, client_as: ClientAs) -> None:
    site = a_worksite(world)
    client = client_as("inspector")

    created = post(
        client,
        "/api/v1/inspections",
        {"planned_on": TODAY.isoformat(), "sector": "F", "worksite": site.pk},
    )

    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "PLANNED"
    assert body["worksite"] == site.pk
    listed = client.get("/api/v1/inspections").json()["results"]
    assert [row["reference"] for row in listed] == [body["reference"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"planned_on": "2025-02-30", "sector": "F"}, "planned_on"),
        ({"planned_on": 20250101, "sector": "F"}, "planned_on"),
        ({"planned_on": "2025-01-01", "sector": "Z"}, "sector"),
        ({"planned_on": "2025-01-01", "sector": "F", "worksite": "one"}, "worksite"),
        ({"planned_on": "2025-01-01", "sector": "F", "worksite": 999999}, "worksite"),
        (
            {"planned_on": "2025-01-01", "sector": "F", "trafficking_focused": "yes"},
            "trafficking_focused",
        ),
    ],
)
def test_bad_input_gets_400_with_the_field(
    world: World, client_as: ClientAs, body: dict[str, Any], field: str
) -> None:
    response = post(client_as("inspector"), "/api/v1/inspections", body)
    assert response.status_code == 400
    assert response.json()["error"]["field"] == field
    assert not Inspection.objects.exists()


def test_malformed_json_gets_the_one_error_shape(world: World, client_as: ClientAs) -> None:
    response = client_as("inspector").post(
        "/api/v1/inspections", data=b"{nope", content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()["error"]) >= {"code", "message"}


def test_a_centre_cannot_plan_and_sees_no_inspection(world: World, client_as: ClientAs) -> None:
    inspection = an_inspection(world)
    client = client_as("caseworker_a")
    assert (
        post(client, "/api/v1/inspections", {"planned_on": "2025-01-01", "sector": "F"}).status_code
        == 403
    )
    assert client.get("/api/v1/inspections").json() == {"results": [], "next_cursor": None}
    response = client.get(f"/api/v1/inspections/{inspection.reference}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_transitions_through_the_api_with_versions_and_reasons(
    world: World, client_as: ClientAs
) -> None:
    inspection = an_inspection(world, worksite=a_worksite(world))
    client = client_as("inspector")
    base = f"/api/v1/inspections/{inspection.reference}"

    detail = client.get(base).json()
    assert {t["name"]: t["allowed"] for t in detail["transitions"]} == {
        "carry_out": True,
        "report": False,
        "cancel": True,
    }
    moved = post(
        client,
        f"{base}/transitions/carry_out",
        {"expected_version": 1, "carried_out_on": YESTERDAY.isoformat()},
    )
    assert moved.status_code == 200
    assert moved.json()["status"] == "CARRIED_OUT"
    stale = post(client, f"{base}/transitions/cancel", {"expected_version": 1})
    assert stale.status_code == 409
    early = post(
        client,
        f"{base}/transitions/report",
        {
            "expected_version": 2,
            "reported_on": (YESTERDAY.replace(year=YESTERDAY.year - 1)).isoformat(),
            "outcome": "NO_INFRINGEMENT",
            "findings": "x",
        },
    )
    assert early.status_code == 400
    assert early.json()["error"]["field"] == "reported_on"
    assert post(client, f"{base}/transitions/fly", {"expected_version": 2}).status_code == 404
    assert client_as("investigator").get(base).status_code == 404


def test_a_screening_through_the_api_returns_the_suggestion(
    world: World, client_as: ClientAs
) -> None:
    inspection = carried_out(world, an_inspection(world))
    client = client_as("inspector")

    response = post(
        client,
        f"/api/v1/inspections/{inspection.reference}/screenings",
        {
            "person": {"given_names": "Ion", "age": 40},
            "nationality": "RO",
            "language": "ro",
            "hourly_wage_eur": 3.5,
            "weekly_hours": "66",
            "observations": [
                {"framework": "ILO_FL", "indicator": "ILO-FL-07", "note": "passport kept"},
                {"framework": "BE_DIGNITY", "indicator": "DEGRADING_HOUSING"},
            ],
            "leaflet_language": "ro",
            "consent": "CONSENTED",
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["suggestion"]["level"] == "POTENTIAL_VICTIM"
    assert body["suggestion"]["is_decision"] is False
    assert body["suggestion"]["reasons"]
    assert body["observations"][0]["organisation"] == "ECOSOC team Brussels"
    listed = client.get(f"/api/v1/inspections/{inspection.reference}/screenings").json()
    assert listed["results"][0]["reference"] == body["reference"]
    assert AuditEvent.objects.filter(action="api_screening_list").exists()

    referred = post(
        client,
        f"/api/v1/screenings/{body['reference']}/referral",
        {"expected_version": body["version"]},
    )
    assert referred.status_code == 201
    assert referred.json()["centre"] == "PAG-ASA"


def test_a_screening_with_an_unknown_indicator_gets_400(world: World, client_as: ClientAs) -> None:
    inspection = carried_out(world, an_inspection(world))
    response = post(
        client_as("inspector"),
        f"/api/v1/inspections/{inspection.reference}/screenings",
        {"observations": [{"framework": "ILO_FL", "indicator": "ILO-FL-42"}]},
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "observations"
    assert not Screening.objects.exists()


def test_evidence_metadata_and_upload(world: World, client_as: ClientAs) -> None:
    inspection = carried_out(world, an_inspection(world))
    client = client_as("inspector")
    photo = SimpleUploadedFile("x.jpg", photo_with_gps(), content_type="image/jpeg")

    created = client.post(
        f"/api/v1/inspections/{inspection.reference}/evidence",
        {"file": photo, "kind": "PHOTO_WORK", "description": "Scaffold"},
    )

    assert created.status_code == 201, created.content
    meta = created.json()
    assert meta["metadata_stripped"] is True
    assert meta["content_type"] == "image/jpeg"
    assert "file" not in meta
    assert client.get(f"/api/v1/evidence/{meta['reference']}").json()["sha256"] == meta["sha256"]
    listed = client.get(f"/api/v1/inspections/{inspection.reference}/evidence").json()
    assert [e["reference"] for e in listed["results"]] == [meta["reference"]]
    assert client_as("caseworker_a").get(f"/api/v1/evidence/{meta['reference']}").status_code == 404


def test_an_evidence_upload_of_the_wrong_type_gets_400(world: World, client_as: ClientAs) -> None:
    inspection = carried_out(world, an_inspection(world))
    fake = SimpleUploadedFile("x.pdf", b"GIF89a not allowed", content_type="application/pdf")
    response = client_as("inspector").post(
        f"/api/v1/inspections/{inspection.reference}/evidence", {"file": fake, "kind": "PAY_SLIP"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "file"
    no_file = client_as("inspector").post(
        f"/api/v1/inspections/{inspection.reference}/evidence", {"kind": "PAY_SLIP"}
    )
    assert no_file.status_code == 400
    assert io.BytesIO(MINIMAL_PDF)  # the fixture stays importable for the other modules


def test_joint_actions_through_the_api(world: World, client_as: ClientAs) -> None:
    site = a_worksite(world)
    client = client_as("inspector")
    created = post(
        client,
        "/api/v1/joint-actions",
        {"title": "Harvest", "planned_on": TODAY.isoformat(), "worksites": [site.pk]},
    )
    assert created.status_code == 201
    reference = created.json()["reference"]
    assert created.json()["participants"] == [
        {"organisation": "ECOSOC team Brussels", "role": "LEAD", "headcount": None}
    ]
    assert [j["reference"] for j in client.get("/api/v1/joint-actions").json()["results"]] == [
        reference
    ]
    assert (
        post(
            client,
            "/api/v1/joint-actions",
            {"title": "x", "planned_on": "2025-01-01", "worksites": [999]},
        ).status_code
        == 400
    )


def test_a_centre_taking_part_gets_the_joint_action_without_inspections(
    world: World, client_as: ClientAs
) -> None:
    joint_action = a_joint_action(world)
    an_inspection(world, joint_action=joint_action)
    body = client_as("caseworker_a").get(f"/api/v1/joint-actions/{joint_action.reference}").json()
    assert body["inspections"] is None
    police = client_as("investigator").get(f"/api/v1/joint-actions/{joint_action.reference}").json()
    assert len(police["inspections"]) == 1


def test_the_openapi_document_describes_the_endpoints(world: World, client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/inspections",
        "/api/v1/inspections/{reference}/transitions/carry_out",
        "/api/v1/inspections/{reference}/transitions/report",
        "/api/v1/inspections/{reference}/transitions/cancel",
        "/api/v1/inspections/{reference}/screenings",
        "/api/v1/screenings/{reference}/referral",
        "/api/v1/inspections/{reference}/evidence",
        "/api/v1/evidence/{reference}",
        "/api/v1/joint-actions/{reference}",
    ):
        assert path in paths


def test_the_api_needs_authentication(world: World, client: Client) -> None:
    response = client.get("/api/v1/inspections")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_a_screening_read_through_the_api_is_audited(world: World, client_as: ClientAs) -> None:
    inspection = carried_out(world, an_inspection(world))
    screening = a_screening(world, inspection)
    assert client_as("teamlead").get(f"/api/v1/screenings/{screening.reference}").status_code == 200
    assert AuditEvent.objects.filter(
        action="api_screening_view", record_id=str(screening.pk)
    ).exists()
    assert (
        client_as("prosecutor").get(f"/api/v1/screenings/{screening.reference}").status_code == 404
    )


@pytest.mark.parametrize(
    ("wage", "hours"),
    [("1e30", None), (1e30, None), (None, 100000), ("NaN", None), (-1, None), ("12.345", None)],
)
def test_out_of_range_pay_and_hours_are_400_not_a_server_error(
    world: World, client_as: ClientAs, wage: object, hours: object
) -> None:
    inspection = carried_out(world, an_inspection(world))
    body: dict[str, Any] = {"person": {"given_names": "Ion"}}
    if wage is not None:
        body["hourly_wage_eur"] = wage
    if hours is not None:
        body["weekly_hours"] = hours
    response = post(
        client_as("inspector"), f"/api/v1/inspections/{inspection.reference}/screenings", body
    )
    assert response.status_code == 400, response.content
    assert response.json()["error"]["field"] == ("weekly_hours" if hours else "hourly_wage_eur")
    assert not Screening.objects.exists()


def test_an_over_long_finding_is_refused_with_the_forms_limit(
    world: World, client_as: ClientAs
) -> None:
    inspection = carried_out(world, an_inspection(world, worksite=a_worksite(world)))
    response = post(
        client_as("inspector"),
        f"/api/v1/inspections/{inspection.reference}/transitions/report",
        {
            "expected_version": inspection.version,
            "reported_on": TODAY.isoformat(),
            "outcome": "NO_INFRINGEMENT",
            "findings": "x" * 8001,
        },
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "findings"
