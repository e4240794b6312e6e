"""Evidence: photos and documents of working and housing conditions.

Type by content, not by name; a size limit; photos re-encoded without metadata (EXIF and
its GPS position); files encrypted at rest under random names; downloads only for those
who see the inspection, each one audited; nothing half-saved.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from pytest_django.fixtures import SettingsWrapper

from nrm.access.models import AuditEvent
from nrm.core.errors import DomainError, NotFound, PermissionDenied
from nrm.inspections.actions import evidence_add
from nrm.inspections.models import Evidence, Inspection
from nrm.inspections.tests.helpers import a_joint_action, a_screening, an_inspection, carried_out
from nrm.testing import World

ClientAs = Callable[[str], Client]
GPS_IFD = 0x8825
# A one-page PDF as nrm/core/files.py rebuilds it (cleaning it again changes no byte).
MINIMAL_PDF = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<\n/Producer (pypdf)\n>>\nendobj\n"
    b"2 0 obj\n<<\n/Type /Pages\n/Count 1\n/Kids [ 4 0 R ]\n>>\nendobj\n"
    b"3 0 obj\n<<\n/Type /Catalog\n/Pages 2 0 R\n>>\nendobj\n"
    b"4 0 obj\n<<\n/Type /Page\n/MediaBox [ 0 0 72 72 ]\n/Parent 2 0 R\n>>\nendobj\n"
    b"xref\n0 5\n0000000000 65535 f \n0000000015 00000 n \n0000000054 00000 n \n"
    b"0000000113 00000 n \n0000000162 00000 n \n"
    b"trailer\n<<\n/Size 5\n/Root 3 0 R\n/Info 1 0 R\n>>\nstartxref\n233\n%%EOF\n"
)


def photo_with_gps(size: tuple[int, int] = (64, 48), orientation: int | None = None) -> bytes:
    """A JPEG as a phone takes it: camera make and a GPS position in its EXIF."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    if orientation is not None:
        exif[0x0112] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (50.0, 50.0, 12.0)
    gps[3] = "E"
    gps[4] = (4.0, 21.0, 5.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, quality=95)
    return out.getvalue()


def upload(
    world: World,
    inspection: Inspection,
    data: bytes,
    *,
    persona: str = "inspector",
    name: str = "photo.jpg",
    kind: str = "PHOTO_HOUSING",
) -> Evidence:
    return evidence_add(
        actor=world.actor(persona),
        inspection=inspection,
        kind=kind,
        upload=io.BytesIO(data),
        size=len(data),
        name=name,
        description="Container where six workers sleep",
    )


def stored_bytes(evidence: Evidence) -> bytes:
    with evidence.file.open("rb") as f:
        data: bytes = f.read()
    return data


def test_a_phone_photo_is_the_kind_we_think(world: World) -> None:
    # The fixture itself: it does carry a GPS position before we clean it.
    original = Image.open(io.BytesIO(photo_with_gps()))
    assert original.getexif().get_ifd(GPS_IFD)


def test_a_photo_loses_its_exif_and_gps_position(world: World) -> None:
    inspection = carried_out(world, an_inspection(world))
    evidence = upload(world, inspection, photo_with_gps())

    from nrm.inspections.queries import evidence_file_for_actor

    data = evidence_file_for_actor(world.actor("inspector"), evidence.reference).data
    cleaned = Image.open(io.BytesIO(data))
    assert cleaned.format == "JPEG"
    assert dict(cleaned.getexif()) == {}
    assert not cleaned.getexif().get_ifd(GPS_IFD)
    assert b"Exif" not in data
    assert b"PhoneMaker" not in data
    assert evidence.metadata_stripped
    assert evidence.content_type == "image/jpeg"


def test_the_camera_orientation_is_applied_before_it_is_dropped(world: World) -> None:
    inspection = carried_out(world, an_inspection(world))
    evidence = upload(world, inspection, photo_with_gps((64, 48), orientation=6))
    from nrm.inspections.queries import evidence_file_for_actor

    data = evidence_file_for_actor(world.actor("inspector"), evidence.reference).data
    assert Image.open(io.BytesIO(data)).size == (48, 64)


def test_the_file_is_encrypted_on_disk_under_a_random_name(
    world: World, settings: SettingsWrapper
) -> None:
    inspection = carried_out(world, an_inspection(world))
    evidence = upload(world, inspection, photo_with_gps(), name="Ion Rusu passport.jpg")

    on_disk = stored_bytes(evidence)
    assert not on_disk.startswith(b"\xff\xd8")
    assert "Rusu" not in evidence.file.name
    assert evidence.file.name.startswith("evidence/")
    assert evidence.file.name.endswith(".bin")
    assert Path(settings.MEDIA_ROOT, evidence.file.name).exists()
    assert evidence.original_name == "Ion Rusu passport.jpg"


def test_a_pdf_is_rebuilt_by_pages(world: World) -> None:
    inspection = carried_out(world, an_inspection(world))
    evidence = upload(world, inspection, MINIMAL_PDF, name="payslip.pdf", kind="PAY_SLIP")
    assert evidence.content_type == "application/pdf"
    assert evidence.metadata_stripped  # nrm/core/files.py: a new document, no catalogue
    assert evidence.size == len(MINIMAL_PDF)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"MZ\x90\x00 an executable", "photo.jpg"),
        (b"<html><script>alert(1)</script></html>", "payslip.pdf"),
        (b"PK\x03\x04 a zip or office file", "statement.docx"),
        (b"\xff\xd8\xff\xe0 not really a jpeg", "photo.jpg"),
        (b"", "empty.jpg"),
    ],
)
def test_a_file_is_judged_by_its_content_not_its_name(
    world: World, data: bytes, name: str, settings: SettingsWrapper
) -> None:
    inspection = carried_out(world, an_inspection(world))
    with pytest.raises(DomainError) as refused:
        upload(world, inspection, data, name=name)
    assert refused.value.field == "file"
    assert not Evidence.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    world: World, settings: SettingsWrapper
) -> None:
    settings.NRM_EVIDENCE_MAX_BYTES = 1000
    inspection = carried_out(world, an_inspection(world))
    with pytest.raises(DomainError) as refused:
        upload(world, inspection, MINIMAL_PDF + b" " * 2000)
    assert "too large" in refused.value.message
    assert not Evidence.objects.exists()


def test_the_default_limit_is_15_megabytes() -> None:
    from nrm.core.files import max_bytes

    assert max_bytes() == 15 * 1024 * 1024


def test_evidence_can_concern_a_screened_worker(world: World) -> None:
    inspection = carried_out(world, an_inspection(world))
    screening = a_screening(world, inspection)
    evidence = evidence_add(
        actor=world.actor("inspector"),
        inspection=inspection,
        kind="PAY_SLIP",
        upload=io.BytesIO(MINIMAL_PDF),
        screening=screening,
    )
    assert evidence.person == screening.person


def test_police_taking_part_add_evidence_a_centre_cannot(world: World) -> None:
    inspection = carried_out(world, an_inspection(world, joint_action=a_joint_action(world)))
    assert (
        upload(world, inspection, MINIMAL_PDF, persona="investigator").organisation
        == (world.organisations["FJP Brussels"])
    )
    with pytest.raises(PermissionDenied):
        upload(world, inspection, MINIMAL_PDF, persona="prosecutor")
    with pytest.raises(NotFound):
        upload(world, inspection, MINIMAL_PDF, persona="caseworker_a")


def test_the_download_is_audited_and_served_safely(world: World, client_as: ClientAs) -> None:
    inspection = carried_out(world, an_inspection(world))
    evidence = upload(world, inspection, photo_with_gps())

    response = client_as("inspector").get(f"/inspections/evidence/{evidence.reference}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == f'inline; filename="{evidence.reference}.jpg"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"\xff\xd8")
    event = AuditEvent.objects.get(action="evidence_download", record_id=str(evidence.pk))
    assert event.actor == world.users["inspector"]


def test_a_document_is_downloaded_as_an_attachment(world: World, client_as: ClientAs) -> None:
    inspection = carried_out(world, an_inspection(world))
    evidence = upload(world, inspection, MINIMAL_PDF, kind="PAY_SLIP")
    response = client_as("teamlead").get(f"/inspections/evidence/{evidence.reference}/")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content == MINIMAL_PDF


@pytest.mark.parametrize(
    "persona", ["caseworker_a", "investigator", "prosecutor", "immigration", "admin", "analyst"]
)
def test_outsiders_get_404_and_no_file(world: World, client_as: ClientAs, persona: str) -> None:
    inspection = carried_out(world, an_inspection(world))
    evidence = upload(world, inspection, photo_with_gps())
    response = client_as(persona).get(f"/inspections/evidence/{evidence.reference}/")
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="evidence_download").exists()


def test_the_upload_form_refuses_a_renamed_file_with_a_clear_message(
    world: World, client_as: ClientAs
) -> None:
    inspection = carried_out(world, an_inspection(world))
    fake = SimpleUploadedFile("photo.jpg", b"#!/bin/sh\necho hi\n", content_type="image/jpeg")
    response = client_as("inspector").post(
        f"/inspections/{inspection.reference}/evidence/",
        {"evidence-kind": "PHOTO_WORK", "evidence-file": fake},
    )
    assert response.status_code == 400
    assert "This kind of file is not accepted" in response.content.decode()
    assert not Evidence.objects.exists()


def test_the_upload_form_stores_a_photo(world: World, client_as: ClientAs) -> None:
    inspection = carried_out(world, an_inspection(world))
    photo = SimpleUploadedFile("IMG_0001.jpg", photo_with_gps(), content_type="image/jpeg")
    response = client_as("inspector").post(
        f"/inspections/{inspection.reference}/evidence/",
        {"evidence-kind": "PHOTO_WORK", "evidence-file": photo, "evidence-description": "Scaffold"},
    )
    assert response.status_code == 302
    assert Evidence.objects.get().description == "Scaffold"


def test_a_failure_after_the_file_is_written_removes_it_again(
    world: World, settings: SettingsWrapper, monkeypatch: pytest.MonkeyPatch
) -> None:
    inspection = carried_out(world, an_inspection(world))

    def broken(**_: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr("nrm.inspections.actions.evidence.audit_record", broken)
    with pytest.raises(RuntimeError):
        upload(world, inspection, photo_with_gps())

    assert not Evidence.objects.exists()
    assert not any(p.is_file() for p in Path(settings.MEDIA_ROOT).rglob("*"))
