"""The NRM manual: structured, versioned content, edited and approved by the coordination
unit, read by everyone signed in, shown on workflow pages through `{% manual_step %}`."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.template import Context, Template
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.coordination import actions, queries
from nrm.coordination.diff import word_diff
from nrm.coordination.manual_be import BELGIAN_MANUAL
from nrm.coordination.models import ManualEntryVersion
from nrm.coordination.steps import ManualStep, manual_step_for
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]

FIELDS = {
    "who": "Immigration Office",
    "does": "Issues annex 15.",
    "by_when": "45 days",
    "form": "Annex 15",
    "legal_basis": "Aliens Act art. 61/2",
    "next_step": "The centre requests the provisional document after a complaint.",
}


def loaded(world: World) -> None:
    actions.manual_load_working_text(actor=world.actor("coordinator"))


def test_the_working_text_covers_every_step_of_the_chain(world: World) -> None:
    loaded(world)
    assert set(BELGIAN_MANUAL) == set(ManualStep)
    entries = queries.manual_entries(world.actor("caseworker_a"), language="en")
    assert all(entry.version is not None for entry in entries)
    assert all(
        entry.version.approved_by == world.users["coordinator"]
        for entry in entries
        if entry.version
    )
    # Loading again writes nothing: the coordination unit's edits are never overwritten.
    assert actions.manual_load_working_text(actor=world.actor("coordinator")) == 0


def test_a_change_is_a_new_version_that_applies_once_approved(world: World) -> None:
    loaded(world)
    coordinator = world.actor("coordinator")
    before = queries.manual_entry(ManualStep.REFLECTION, language="en").version
    assert before is not None
    changed = before.fields() | {
        "by_when": "45 days from the issue of annex 15, the last day excluded."
    }
    proposal = actions.manual_entry_propose(
        actor=coordinator,
        step=ManualStep.REFLECTION,
        language="en",
        fields=changed,
        change_note="Day 45 convention changed by the circular's revision.",
    )
    assert proposal.number == before.number + 1
    # Not yet the manual's text.
    assert queries.manual_entry(ManualStep.REFLECTION, language="en").version == before
    actions.manual_entry_approve(actor=coordinator, version=proposal)
    current = queries.manual_entry(ManualStep.REFLECTION, language="en").version
    assert current is not None
    assert current.pk == proposal.pk
    assert current.approved_at is not None
    with pytest.raises(Conflict):
        actions.manual_entry_approve(actor=coordinator, version=proposal)
    assert AuditEvent.objects.filter(
        action="manual_entry_propose", record_id=str(proposal.pk)
    ).exists()
    assert AuditEvent.objects.filter(
        action="manual_entry_approve", record_id=str(proposal.pk)
    ).exists()


def test_only_the_coordination_unit_edits_and_nothing_unchanged_is_versioned(world: World) -> None:
    loaded(world)
    current = queries.manual_entry(ManualStep.DETECTION, language="en").version
    assert current is not None
    with pytest.raises(PermissionDenied):
        actions.manual_entry_propose(
            actor=world.actor("prosecutor"),
            step=ManualStep.DETECTION,
            language="en",
            fields=FIELDS,
            change_note="x",
        )
    with pytest.raises(DomainError):
        actions.manual_entry_propose(
            actor=world.actor("coordinator"),
            step=ManualStep.DETECTION,
            language="en",
            fields=current.fields(),
            change_note="no change",
        )
    with pytest.raises(DomainError):
        actions.manual_entry_propose(
            actor=world.actor("coordinator"),
            step=ManualStep.DETECTION,
            language="en",
            fields=FIELDS | {"who": " "},
            change_note="who is missing",
        )


def test_the_diff_shows_what_was_removed_and_added() -> None:
    segments = word_diff("45 days from the issue", "45 days after the issue")
    assert [(s.op, s.text) for s in segments if s.op != "same"] == [
        ("removed", "from"),
        ("added", "after"),
    ]


def test_the_version_page_shows_the_diff_and_who_approved(
    world: World, client_as: ClientAs
) -> None:
    loaded(world)
    coordinator = world.actor("coordinator")
    before = queries.manual_entry(ManualStep.DISMISSAL, language="en").version
    assert before is not None
    proposal = actions.manual_entry_propose(
        actor=coordinator,
        step=ManualStep.DISMISSAL,
        language="en",
        fields=before.fields() | {"form": "Dismissal decision; status review request."},
        change_note="Name the request.",
    )
    # A proposal is the unit's draft: others do not see it (404), the unit does.
    assert (
        client_as("caseworker_a").get(f"/coordination/manual/versions/{proposal.pk}/").status_code
        == 404
    )
    page = client_as("coordinator").get(f"/coordination/manual/versions/{proposal.pk}/")
    assert page.status_code == 200
    assert b"<del>review.</del>" in page.content
    assert b"<ins>review request.</ins>" in page.content
    # Approving is the unit's: others get 404 for the draft, the unit approves.
    assert (
        client_as("prosecutor")
        .post(f"/coordination/manual/versions/{proposal.pk}/approve/")
        .status_code
        == 404
    )
    assert (
        client_as("coordinator")
        .post(f"/coordination/manual/versions/{proposal.pk}/approve/")
        .status_code
        == 302
    )
    page = client_as("inspector").get(f"/coordination/manual/versions/{proposal.pk}/")
    assert page.status_code == 200
    assert b"Coordinator" in page.content  # the approver's name


def test_the_manual_pages(world: World, client_as: ClientAs) -> None:
    loaded(world)
    manual = client_as("inspector").get("/coordination/manual/")
    assert manual.status_code == 200
    assert b"not the official circular" in manual.content
    assert b'id="step-REFLECTION"' in manual.content
    assert client_as("inspector").get("/coordination/manual/NO_SUCH_STEP/").status_code == 404
    # Read-only readers may not post a version: 403.
    post = client_as("inspector").post(
        "/coordination/manual/REFLECTION/", FIELDS | {"change_note": "x"}
    )
    assert post.status_code == 403
    # Bad input from the unit: 400, nothing stored.
    count = ManualEntryVersion.objects.count()
    bad = client_as("coordinator").post(
        "/coordination/manual/REFLECTION/", FIELDS | {"who": "", "change_note": "x"}
    )
    assert bad.status_code == 400
    assert ManualEntryVersion.objects.count() == count
    good = client_as("coordinator").post(
        "/coordination/manual/REFLECTION/", FIELDS | {"change_note": "Shorter text."}
    )
    assert good.status_code == 302
    assert ManualEntryVersion.objects.count() == count + 1


def test_signed_out_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get("/coordination/manual/")
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


def test_workflow_pages_name_their_step_in_their_own_words() -> None:
    assert manual_step_for("REFLECTION") == ManualStep.REFLECTION
    assert manual_step_for("REFERRED") == ManualStep.REFERRAL
    assert manual_step_for("INDICTED") == ManualStep.INDICTMENT
    assert manual_step_for("dismissed") == ManualStep.DISMISSAL
    assert manual_step_for("NOT_A_STEP") is None


def test_the_inclusion_shows_what_happens_next_and_links_the_manual(world: World) -> None:
    template = Template("{% load nrm_manual %}{% manual_step key %}")
    assert template.render(Context({"key": "REFLECTION"})).strip() == ""  # no manual yet: nothing
    loaded(world)
    html = template.render(Context({"key": "REFLECTION"}))
    assert "What happens next, and who does it" in html
    assert "/coordination/manual/#step-REFLECTION" in html
    assert "provisional document" in html
    assert template.render(Context({"key": "UNKNOWN"})).strip() == ""
