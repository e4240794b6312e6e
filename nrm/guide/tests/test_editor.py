"""The coordination unit enters translations as versions; the public page follows."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.core.errors import DomainError, PermissionDenied
from nrm.guide.actions import guide_text_save
from nrm.guide.content import EN
from nrm.guide.models import GuideStatus, GuideTextVersion
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def test_a_reviewed_translation_replaces_the_pending_notice(world: World, client: Client) -> None:
    texts = dict(EN) | {"title": "Pashto title entered by the unit"}
    version = guide_text_save(
        actor=world.actor("coordinator"),
        language="ps",
        status=GuideStatus.REVIEWED,
        texts=texts,
        change_note="Translation by a sworn translator.",
    )
    assert version.number == 1
    html = client.get("/guide/ps/").content.decode()
    assert "Pashto title entered by the unit" in html
    assert "Translation pending review" not in html
    assert AuditEvent.objects.filter(action="guide_text_save", record_id=str(version.pk)).exists()
    # A later version marking it pending again brings the notice back; both are kept.
    guide_text_save(
        actor=world.actor("coordinator"),
        language="ps",
        status=GuideStatus.PENDING,
        texts={},
        change_note="Withdrawn for review.",
    )
    assert "Translation pending review" in client.get("/guide/ps/").content.decode()
    assert GuideTextVersion.objects.filter(language="ps").count() == 2


def test_placeholders_must_be_kept_and_only_the_unit_edits(world: World) -> None:
    with pytest.raises(DomainError) as refused:
        guide_text_save(
            actor=world.actor("coordinator"),
            language="fr",
            status=GuideStatus.REVIEWED,
            texts=dict(EN) | {"hotline": "Call us."},
            change_note="x",
        )
    assert refused.value.field == "hotline"
    with pytest.raises(PermissionDenied):
        guide_text_save(
            actor=world.actor("inspector"),
            language="fr",
            status=GuideStatus.REVIEWED,
            texts=dict(EN),
            change_note="x",
        )


def test_the_editor_page(world: World, client_as: ClientAs) -> None:
    assert client_as("coordinator").get("/guide/edit/ar/").status_code == 200
    assert client_as("inspector").get("/guide/edit/ar/").status_code == 403
    assert client_as("coordinator").get("/guide/edit/xx/").status_code == 404
    bad = client_as("coordinator").post(
        "/guide/edit/ar/", {"status": "REVIEWED", "change_note": "x", "title": ""}
    )
    assert bad.status_code == 400
    good = client_as("coordinator").post(
        "/guide/edit/ps/", {"status": "PENDING", "change_note": "No translator yet."}
    )
    assert good.status_code == 302
