"""How the engine's kinds of deciding organisation map onto this installation's organisations."""

from __future__ import annotations

from nrm.organisations.models import OrganisationType, Role
from nrm.pathway import OrgKind

T = OrganisationType
R = Role

# Which organisations, and which roles in them, may record an event taken by each kind.
RECORDERS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    OrgKind.IMMIGRATION_OFFICE: (
        frozenset({T.IMMIGRATION_OFFICE}),
        frozenset({R.IMMIGRATION_OFFICER}),
    ),
    OrgKind.SPECIALISED_CENTRE: (
        frozenset({T.CENTRE_ADULTS, T.CENTRE_MINORS}),
        frozenset({R.CASEWORKER, R.CENTRE_DIRECTOR}),
    ),
    OrgKind.PROSECUTOR: (frozenset({T.PROSECUTION_OFFICE}), frozenset({R.PROSECUTOR})),
    OrgKind.POLICE: (frozenset({T.POLICE_UNIT}), frozenset({R.INVESTIGATOR, R.TEAM_LEAD})),
    OrgKind.COURT: (frozenset({T.COURT}), frozenset({R.JUDGE})),
    OrgKind.IDENTIFICATION_BODY: (
        frozenset({T.IDENTIFICATION_BODY}),
        frozenset({R.CASEWORKER, R.CENTRE_DIRECTOR}),
    ),
    OrgKind.FRONTLINE: (
        frozenset(
            {T.LABOUR_INSPECTION_TEAM, T.POLICE_UNIT, T.CENTRE_ADULTS, T.CENTRE_MINORS, T.NGO}
        ),
        frozenset({R.INSPECTOR, R.TEAM_LEAD, R.INVESTIGATOR, R.CASEWORKER, R.CENTRE_DIRECTOR}),
    ),
    # The person decides (a voluntary return); the centre that accompanies them records it.
    OrgKind.PERSON: (
        frozenset({T.CENTRE_ADULTS, T.CENTRE_MINORS}),
        frozenset({R.CASEWORKER, R.CENTRE_DIRECTOR}),
    ),
}


def may_record(organisation_type: str, role: str, taken_by: tuple[str, ...]) -> bool:
    return any(
        organisation_type in RECORDERS[kind][0] and role in RECORDERS[kind][1]
        for kind in taken_by
        if kind in RECORDERS
    )
