"""How the engine's kinds of deciding organisation map onto this installation's organisations."""

from __future__ import annotations

from nrm.organisations.models import ROLES_BY_ORGANISATION_TYPE, OrganisationType, Role
from nrm.pathway import JURISDICTIONS, OrgKind

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
    """Whether this role in this kind of organisation records events taken by `taken_by`."""
    return any(
        organisation_type in RECORDERS[kind][0] and role in RECORDERS[kind][1]
        for kind in taken_by
        if kind in RECORDERS
    )


def deciding_roles(organisation_type: str) -> frozenset[str]:
    """The roles that record some decision for this kind of organisation.

    They are the ones a deadline concerns, so they get its e-mail.
    """
    valid = ROLES_BY_ORGANISATION_TYPE.get(organisation_type, frozenset())
    return frozenset(
        role
        for types, roles in RECORDERS.values()
        if organisation_type in types
        for role in roles
        if role in valid
    )


# The kinds of organisation a deadline of any jurisdiction can be addressed to, read from
# the engine's tables so that a new deadline kind needs no change here.
DEADLINE_KINDS: tuple[str, ...] = tuple(
    sorted(
        {
            str(kind)
            for rules in JURISDICTIONS.values()
            for spec in rules.deadlines
            # The centre that prepares a deadline answers for it too (RULES.md §3.6).
            for kind in (spec.responsible, spec.responsible_with_legal_stay, spec.prepared_by)
            if kind is not None
        }
    )
)


def has_deadlines(organisation_type: str, role: str) -> bool:
    """Whether this role, in this kind of organisation, answers for pathway deadlines."""
    return may_record(organisation_type, role, DEADLINE_KINDS)


# Who creates and rotates the organisation's calendar address: the heads of an
# organisation, and the immigration officers (the office has no head role of its own).
FEED_MANAGER_ROLES = frozenset({R.CENTRE_DIRECTOR, R.TEAM_LEAD, R.IMMIGRATION_OFFICER})

# Product choice: an event's evidence note is read by the organisation that recorded it
# and by those who decide on it: the immigration office (the status) and the prosecutor
# (cooperation). Others see that evidence exists, not what it says.
EVIDENCE_READER_ROLES = frozenset({R.IMMIGRATION_OFFICER, R.PROSECUTOR})


def may_read_evidence(
    organisation_id: int | None, role: str, recorded_by_organisation_id: int
) -> bool:
    return organisation_id == recorded_by_organisation_id or role in EVIDENCE_READER_ROLES
