"""The Danish personas for tests, added to the shared test world (nrm/testing.py).

The organisations are the Danish installation's (nrm/installations/dk.json), created
through the real actions by the world's administrator, one persona per role:

- `cmm` (caseworker) and `cmm_director` at the Center mod Menneskehandel;
- `udlst`: caseworker of the Danish Immigration Service (Udlændingestyrelsen);
- `nsk`: investigator of the police's national unit; `politi`: investigator of a local
  police district; `anklager`: prosecutor;
- `at`: inspector of the Working Environment Authority (Arbejdstilsynet); `skat`: inspector
  of the tax authority; `kommune`: municipal caseworker; `reden`: caseworker of an NGO
  partner running a shelter;
- `koordinator`: coordinator of the national coordination (Ligestillingsafdelingen, the
  secretariat of the interministerial working group); `statistik`: analyst of the CMM's
  statistics function, in the rapporteur's role (Denmark has no independent rapporteur:
  dk.json's `sources`).

`danish_installation(settings)` makes the running installation Danish (pathway, pathway
settings), leaving the language English so that tests read English sentences.
"""

from __future__ import annotations

from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from nrm.access.context import actor_for
from nrm.administration.actions import organisation_create, user_create
from nrm.installations import installation_for
from nrm.organisations.models import JudicialDistrict, Region, Role
from nrm.testing import PASSWORD, World, approved_membership

# persona -> (organisation short name in dk.json, role)
DANISH_PERSONAS: dict[str, tuple[str, str]] = {
    "cmm": ("CMM", Role.CASEWORKER),
    "cmm_director": ("CMM", Role.CENTRE_DIRECTOR),
    "udlst": ("Udlændingestyrelsen", Role.IMMIGRATION_OFFICER),
    # A second caseworker: a negative decision is reconsidered by someone else (issue 18 §6).
    "udlst_2": ("Udlændingestyrelsen", Role.IMMIGRATION_OFFICER),
    "nsk": ("NSK", Role.INVESTIGATOR),
    "politi": ("MVJ Politi", Role.INVESTIGATOR),
    "anklager": ("Anklager MVJ", Role.PROSECUTOR),
    "at": ("Arbejdstilsynet", Role.INSPECTOR),
    "skat": ("Skattestyrelsen", Role.INSPECTOR),
    "kommune": ("Herning Kommune", Role.CASEWORKER),
    "reden": ("Reden International", Role.CASEWORKER),
    "koordinator": ("Ligestillingsafdelingen", Role.COORDINATOR),
    "statistik": ("CMM statistik", Role.ANALYST),
}


def danish_installation(settings: Any) -> None:
    denmark = installation_for("DK")
    settings.NRM_COUNTRY = "DK"
    settings.NRM_INSTALLATION = denmark
    settings.NRM_JURISDICTION = denmark.jurisdiction


def add_danish_world(world: World) -> None:
    """Denmark's regions, police districts, organisations (but the operator) and personas."""
    denmark = installation_for("DK")
    admin = world.actor("admin")
    regions = {
        code: Region.objects.create(code=f"DK-{code}", name=name, country="DK")
        for code, name in denmark.regions
    }
    districts = {
        code: JudicialDistrict.objects.create(code=f"DK-{code}", name=name, region=regions[region])
        for code, name, region in denmark.districts
    }
    for seed in denmark.organisations:
        if seed.type == "PLATFORM_OPERATOR":
            continue
        world.organisations[seed.short_name] = organisation_create(
            actor=admin,
            name=seed.name,
            short_name=seed.short_name,
            type=seed.type,
            country="DK",
            region=regions[seed.region] if seed.region else None,
            judicial_district=districts[seed.district] if seed.district else None,
        )
    for persona, (organisation, role) in DANISH_PERSONAS.items():
        user, _password = user_create(
            actor=admin,
            username=f"dk.{persona}",
            first_name=persona.title(),
            last_name="Tester",
            email=f"dk.{persona}@example.invalid",
            password=PASSWORD,
        )
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
        membership = approved_membership(
            world, user=user, organisation=world.organisations[organisation], role=role
        )
        world.users[persona] = user
        world.actors[persona] = actor_for(user, membership)
        world.devices[persona] = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
