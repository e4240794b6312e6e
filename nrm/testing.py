"""The shared test world: organisations and one persona per role, made through real actions.

Personas (STYLE.md §10): inspector, team lead, investigator, prosecutor, judge, caseworker
at centre A, caseworker at centre B, centre A's director, immigration officer, coordinator,
rapporteur analyst, administrator. `signed_in(client, persona)` gives a client that has
passed both factors and acts for the persona's organisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from nrm.access.actions import involvement_open
from nrm.access.context import Actor, actor_for
from nrm.access.models import InvolvementBasis, Purpose
from nrm.accounts.middleware import SESSION_MEMBERSHIP
from nrm.accounts.models import User
from nrm.accounts.queries import role_opens_case_data
from nrm.administration.actions import (
    membership_approve,
    membership_grant,
    organisation_create,
    user_create,
)
from nrm.organisations.models import (
    JudicialDistrict,
    Membership,
    Organisation,
    OrganisationType,
    Region,
    Role,
)
from nrm.people.actions import PersonData, person_create
from nrm.people.models import Person

PASSWORD = "correct horse battery staple"  # noqa: S105 — test accounts only

T = OrganisationType
# persona -> (organisation short name, role)
PERSONAS: dict[str, tuple[str, str]] = {
    "inspector": ("ECOSOC Brussels", Role.INSPECTOR),
    "teamlead": ("ECOSOC Brussels", Role.TEAM_LEAD),
    "investigator": ("FJP Brussels", Role.INVESTIGATOR),
    "prosecutor": ("Auditorate Brussels", Role.PROSECUTOR),
    "judge": ("Court Brussels", Role.JUDGE),
    "caseworker_a": ("PAG-ASA", Role.CASEWORKER),
    "director_a": ("PAG-ASA", Role.CENTRE_DIRECTOR),
    "caseworker_b": ("Payoke", Role.CASEWORKER),
    "caseworker_minors": ("Minor-Ndako", Role.CASEWORKER),
    "immigration": ("Immigration Office", Role.IMMIGRATION_OFFICER),
    "coordinator": ("Coordination unit", Role.COORDINATOR),
    "analyst": ("Myria", Role.ANALYST),
    "admin": ("Operator", Role.ADMINISTRATOR),
}
# (name, short name, type, region code)
ORGANISATIONS = [
    ("ECOSOC team Brussels", "ECOSOC Brussels", T.LABOUR_INSPECTION_TEAM, "BRU"),
    ("ECOSOC team Antwerp", "ECOSOC Antwerp", T.LABOUR_INSPECTION_TEAM, "VLG"),
    ("Federal Judicial Police Brussels", "FJP Brussels", T.POLICE_UNIT, "BRU"),
    ("Labour Auditorate Brussels", "Auditorate Brussels", T.PROSECUTION_OFFICE, "BRU"),
    ("Court of First Instance Brussels", "Court Brussels", T.COURT, "BRU"),
    ("PAG-ASA", "PAG-ASA", T.CENTRE_ADULTS, "BRU"),
    ("Payoke", "Payoke", T.CENTRE_ADULTS, "VLG"),
    ("Sürya", "Sürya", T.CENTRE_ADULTS, "WAL"),
    ("Minor-Ndako", "Minor-Ndako", T.CENTRE_MINORS, "BRU"),
    ("Esperanto", "Esperanto", T.CENTRE_MINORS, "WAL"),
    ("Immigration Office", "Immigration Office", T.IMMIGRATION_OFFICE, "BRU"),
    ("Coordination Unit", "Coordination unit", T.COORDINATION_UNIT, "BRU"),
    ("Myria", "Myria", T.RAPPORTEUR, "BRU"),
]


@dataclass
class World:
    organisations: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    devices: dict[str, TOTPDevice] = field(default_factory=dict)
    # The second administrator who approves memberships that open case data.
    approver: Actor = field(init=False)

    def actor(self, persona: str) -> Actor:
        return self.actors[persona]

    def person(self, persona: str, **fields: object) -> Person:
        """A person recorded by the persona's organisation through the real action."""
        defaults: dict[str, object] = {
            "given_names": "Maria",
            "family_name": "Popescu",
            "nationalities": ["RO"],
            "languages": ["ro"],
            "age_at_first_contact": 31,
            "first_contact_on": date(2025, 3, 1),
        }
        defaults.update(fields)
        return person_create(actor=self.actors[persona], data=PersonData(**defaults))  # type: ignore[arg-type]

    def involve(
        self,
        person: Person,
        persona: str,
        purpose: str,
        basis: str = InvolvementBasis.REFERRAL_ACCEPTED,
    ) -> None:
        actor = self.actors[persona]
        assert actor.organisation is not None
        involvement_open(
            actor=actor,
            person=person,
            organisation=actor.organisation,
            purpose=purpose,
            basis=basis,
        )


def make_world() -> World:
    world = World()
    admin = User.objects.create(username="admin", must_change_password=False)
    admin.set_password(PASSWORD)
    admin.save()
    regions = {
        code: Region.objects.create(code=code, name=name, country="BE")
        for code, name in [("BRU", "Brussels-Capital"), ("VLG", "Flanders"), ("WAL", "Wallonia")]
    }
    district = JudicialDistrict.objects.create(code="BRU", name="Brussels", region=regions["BRU"])
    operator = Organisation.objects.create(
        name="Operator", short_name="Operator", type=T.PLATFORM_OPERATOR
    )
    world.organisations["Operator"] = operator
    admin_actor = actor_for(
        admin, Membership.objects.create(user=admin, organisation=operator, role=Role.ADMINISTRATOR)
    )
    world.users["admin"] = admin
    world.actors["admin"] = admin_actor
    # Memberships that open case data take effect once a second administrator approves
    # them (four eyes, nrm/administration/actions.py): the operator has two.
    approver = User.objects.create(username="admin2", must_change_password=False)
    approver_actor = actor_for(
        approver,
        Membership.objects.create(user=approver, organisation=operator, role=Role.ADMINISTRATOR),
    )
    world.approver = approver_actor
    for name, short, kind, region in ORGANISATIONS:
        world.organisations[short] = organisation_create(
            actor=admin_actor,
            name=name,
            short_name=short,
            type=kind,
            country="BE",
            region=regions[region],
            judicial_district=district if region == "BRU" else None,
        )
    for persona, (organisation, role) in PERSONAS.items():
        if persona != "admin":
            user, _password = user_create(
                actor=admin_actor,
                username=persona,
                first_name=persona.title(),
                last_name="Tester",
                email=f"{persona}@example.invalid",
                password=PASSWORD,
            )
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
            membership = approved_membership(
                world, user=user, organisation=world.organisations[organisation], role=role
            )
            world.users[persona] = user
            world.actors[persona] = actor_for(user, membership)
        world.devices[persona] = TOTPDevice.objects.create(
            user=world.users[persona], name="test", confirmed=True
        )
    return world


def approved_membership(
    world: World, *, user: User, organisation: Organisation, role: str
) -> Membership:
    """A membership granted by the administrator and, where four eyes apply, approved by
    the second one: what a persona's membership is once it works."""
    membership = membership_grant(
        actor=world.actor("admin"), user=user, organisation=organisation, role=role
    )
    if role_opens_case_data(role):
        membership_approve(actor=world.approver, membership=membership)
    return membership


def signed_in(client: Client, world: World, persona: str) -> Client:
    """A client past both factors, acting for the persona's membership."""
    user = world.users[persona]
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = world.devices[persona].persistent_id
    membership = world.actors[persona].membership
    assert membership is not None
    session[SESSION_MEMBERSHIP] = membership.pk
    session.save()
    return client


__all__ = [
    "PASSWORD",
    "PERSONAS",
    "Purpose",
    "World",
    "approved_membership",
    "make_world",
    "signed_in",
]
