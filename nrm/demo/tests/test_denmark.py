"""The Danish demo world: `NRM_COUNTRY=DK nrm demo load --country DK`, its logins, and a
Danish caseworker's pages in Danish."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from nrm.access.audit import audit_verify
from nrm.accounts.middleware import SESSION_MEMBERSHIP
from nrm.accounts.models import User
from nrm.demo.denmark import DANISH_PERSONAS
from nrm.identification.models import DecisionStatus, IdentificationDecision, Outcome
from nrm.installations import installation_for
from nrm.organisations.models import Membership, Organisation, OrganisationType
from nrm.protection.models import Deadline, PathwayRecord
from nrm.testing_dk import danish_installation

T = OrganisationType


def demo(*args: str, **options: Any) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def denmark(settings: Any) -> None:
    danish_installation(settings)
    settings.LANGUAGE_CODE = "da"
    settings.TIME_ZONE = "Europe/Copenhagen"


def test_a_belgian_installation_refuses_the_danish_world(db: None) -> None:
    with pytest.raises(CommandError, match="NRM_COUNTRY=DK"):
        demo("load", country="DK")
    assert not Organisation.objects.exists()


@pytest.mark.usefixtures("denmark")
def test_the_danish_world_has_every_danish_authority_and_one_login_per_persona(
    db: None,
) -> None:
    assert "Danish demo world loaded." in demo("load", country="DK")

    organisations = Organisation.objects.all()
    assert {o.country for o in organisations} == {"DK"}
    assert {o.short_name for o in organisations} == {
        seed.short_name for seed in installation_for("DK").organisations
    }
    kinds = set(organisations.values_list("type", flat=True))
    assert {
        T.IDENTIFICATION_BODY,
        T.IMMIGRATION_OFFICE,
        T.POLICE_UNIT,
        T.PROSECUTION_OFFICE,
    } <= kinds
    assert {T.LABOUR_INSPECTION_TEAM, T.TAX_AUTHORITY, T.MUNICIPALITY, T.NGO} <= kinds
    for persona in DANISH_PERSONAS:
        user = User.objects.get(username=persona.username)
        assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        assert Membership.objects.filter(
            user=user, organisation__short_name=persona.organisation, role=persona.role
        ).exists(), persona.username
    logins = demo("logins")
    assert "udlst" in logins
    assert "Udlændingestyrelsen" in logins
    assert "inspector" not in logins  # the Belgian personas belong to the Belgian world

    # The Danish chain, one person in each situation.
    states = set(PathwayRecord.objects.values_list("state", flat=True))
    assert {"REFLECTION", "RESTITUTION", "INVESTIGATION_PERMIT", "PREPARED_RETURN"} <= states
    assert "STATUS_ENDED" in states
    decisions = IdentificationDecision.objects
    assert decisions.filter(outcome=Outcome.POSITIVE, body__short_name="CMM").exists()
    assert decisions.filter(outcome=Outcome.NEGATIVE).count() >= 2
    assert decisions.filter(status=DecisionStatus.RECONSIDERATION_REQUESTED).count() == 1
    extended = [
        d
        for d in Deadline.objects.filter(status="OPEN", kind="REFLECTION_END")
        if d.setting == ""  # a decision fixed its length: the extension
    ]
    assert len(extended) == 1
    assert Deadline.objects.filter(status="OPEN", kind="INVESTIGATION_PERMIT_EXPIRY").exists()
    check = audit_verify()
    assert check.ok, check.problem


@pytest.mark.usefixtures("denmark")
def test_a_danish_caseworker_reads_danish_pages(db: None) -> None:
    demo("load", country="DK")
    user = User.objects.get(username="udlst")
    membership = Membership.objects.get(user=user)
    client = Client(headers={"accept-language": "en"})  # the browser's wish is not asked
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session[SESSION_MEMBERSHIP] = membership.pk
    session.save()
    decision = IdentificationDecision.objects.filter(
        status=DecisionStatus.RECONSIDERATION_REQUESTED
    ).get()

    page = client.get(f"/identification/{decision.person.reference}/")

    assert page.status_code == 200
    assert '<html lang="da">' in page.text
    assert "Opholdsstatus" in page.text  # "Residence status", from the Danish catalogue
    # The reader may still choose another language with the switch.
    client.cookies["django_language"] = "en"
    assert '<html lang="en">' in client.get(f"/identification/{decision.person.reference}/").text


@pytest.mark.usefixtures("denmark")
def test_the_danish_joint_inspection_is_seen_by_its_partners_only(db: None) -> None:
    from nrm.access.context import actor_for
    from nrm.inspections.models import JointAction
    from nrm.inspections.permissions import joint_action_scope

    demo("load", country="DK")
    joint = JointAction.objects.get()
    assert set(joint.participants.values_list("organisation__short_name", flat=True)) == {
        "Arbejdstilsynet",
        "Skattestyrelsen",
        "MVJ Politi",
        "CMM",
    }
    for username, sees in [("cmm", True), ("skat", True), ("politi", True), ("kommune", False)]:
        user = User.objects.get(username=username)
        actor = actor_for(user, Membership.objects.get(user=user))
        scope = joint_action_scope(actor)
        visible = scope is not None and JointAction.objects.filter(scope).exists()
        assert visible is sees, username


@pytest.mark.usefixtures("denmark")
def test_the_danish_world_has_a_262a_and_a_262b_case(db: None) -> None:
    from nrm.prosecution.models import Charge

    demo("load", country="DK")
    charged = set(Charge.objects.values_list("provision", flat=True))
    assert charged == {"DK-STRFL-262a", "DK-STRFL-262b"}
