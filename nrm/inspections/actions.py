"""Every write of labour inspection. Atomic, audited in the same transaction.

Inspections move only through the transition actions below (one per transition of
`workflow.TRANSITIONS`), each naming the version it was taken on. A screening records or
links the worker (through nrm.people, which opens the team's involvement), stores each
indicator observed as an evidence row and the computed suggestion's summary. A referral
from a screening goes through nrm.referrals. Bad input is refused with the field at fault
and nothing is kept: every action runs in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import IO

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.actions import involvement_open
from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, InvolvementBasis
from nrm.access.policy import purpose_for
from nrm.core import files
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.core.workflow import Step, local_today, take
from nrm.inspections import permissions, suggestion
from nrm.inspections.models import (
    ChainLink,
    Company,
    Evidence,
    Inspection,
    InspectionEvent,
    InspectionTarget,
    JointAction,
    Observation,
    Participant,
    Screening,
    Worksite,
)
from nrm.inspections.vocab import (
    Consent,
    EvidenceKind,
    InspectionOutcome,
    InspectionStatus,
    ParticipantRole,
    ReferralChannel,
    Sector,
    WorksiteKind,
    enterprise_number_is_valid,
    normalise_enterprise_number,
    section_of_nace_code,
)
from nrm.inspections.workflow import CANCEL, CARRY_OUT, INSPECTIONS, REPORT
from nrm.organisations.models import Organisation, OrganisationType, Region
from nrm.people.actions import PersonData, person_create
from nrm.people.models import Person
from nrm.people.queries import person_find_for_actor
from nrm.people.vocab import COUNTRY_CODES, LANGUAGE_CODES
from nrm.referrals import routing
from nrm.referrals.actions import referral_create
from nrm.referrals.models import Referral, ReferralReason, ReferralSource

TEXT_MAX = 8000
NOTE_MAX = 1000
EARLIEST = date(2000, 1, 1)


def _text(value: str, *, field: str, limit: int = TEXT_MAX) -> str:
    value = value.strip()
    if len(value) > limit:
        raise DomainError(
            _("Keep this under %(limit)d characters.") % {"limit": limit}, field=field
        )
    return value


def _required(value: str, *, field: str, message: str, limit: int = 200) -> str:
    value = _text(value, field=field, limit=limit)
    if not value:
        raise DomainError(message, field=field)
    return value


def _not_before_2000(value: date, *, field: str) -> None:
    if value < EARLIEST:
        raise DomainError(_("This date is too far in the past."), field=field)


def _must_inspect(actor: Actor) -> Organisation:
    if not permissions.is_inspecting(actor) or actor.organisation is None:
        raise PermissionDenied(_("Only the members of a labour-inspection team do this."))
    return actor.organisation


# Employers and worksites ---------------------------------------------------------------


@dataclass
class CompanyData:
    name: str
    sector: str
    enterprise_number: str = ""
    country: str = "BE"
    nace_code: str = ""
    address: str = ""


@transaction.atomic
def company_create(*, actor: Actor, data: CompanyData) -> Company:
    """Add an employer to the register (a legal person: not encrypted, still audited)."""
    organisation = _must_inspect(actor)
    name = _required(data.name, field="name", message=_("Give the company's name."))
    if data.country not in COUNTRY_CODES:
        raise DomainError(
            _("%(code)s is not an ISO 3166 country code.") % {"code": data.country},
            field="country",
        )
    number = ""
    if data.enterprise_number.strip():
        number = normalise_enterprise_number(data.enterprise_number)
        if not enterprise_number_is_valid(number):
            raise DomainError(
                _(
                    "This is not a valid Belgian enterprise number: ten digits starting with 0 "
                    "or 1, the last two a check on the first eight."
                ),
                field="enterprise_number",
            )
    elif data.country == "BE":
        raise DomainError(
            _("A Belgian company has an enterprise number (KBO/BCE)."), field="enterprise_number"
        )
    if data.sector not in Sector.values:
        raise DomainError(_("Choose a sector from the list."), field="sector")
    nace_code = data.nace_code.strip()
    if nace_code:
        section = section_of_nace_code(nace_code)
        if section is None:
            raise DomainError(
                _("A NACE code has two digits, optionally a dot and up to three more."),
                field="nace_code",
            )
        if section != data.sector:
            raise DomainError(
                _("NACE code %(code)s belongs to sector %(section)s, not %(sector)s.")
                % {"code": nace_code, "section": section, "sector": data.sector},
                field="nace_code",
            )
    if number and Company.objects.filter(enterprise_number=number).exists():
        raise Conflict(_("A company with this enterprise number is already registered."))
    company = Company(
        name=name,
        enterprise_number=number,
        country=data.country,
        sector=data.sector,
        nace_code=nace_code,
        address=_text(data.address, field="address", limit=300),
        created_by_organisation=organisation,
    )
    try:
        with transaction.atomic():
            company.save(force_insert=True)
    except IntegrityError as exc:  # registered by someone else a moment earlier
        raise Conflict(_("A company with this enterprise number is already registered.")) from exc
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="company_create",
        record=company,
        purpose=purpose_for(actor),
        changes={
            "name": company.name,
            "enterprise_number": number,
            "country": company.country,
            "sector": company.sector,
            "nace_code": nace_code,
            "address": company.address,
        },
    )
    return company


@dataclass
class WorksiteData:
    name: str
    kind: str
    address: str
    region: Region | None
    postcode: str = ""
    municipality: str = ""


@transaction.atomic
def worksite_create(*, actor: Actor, data: WorksiteData) -> Worksite:
    organisation = _must_inspect(actor)
    if data.kind not in WorksiteKind.values:
        raise DomainError(_("Choose the kind of site from the list."), field="kind")
    if data.region is None:
        raise DomainError(
            _("Say in which region the site is: it decides the centre a worker is referred to."),
            field="region",
        )
    worksite = Worksite.objects.create(
        name=_required(data.name, field="name", message=_("Give the site a name.")),
        kind=data.kind,
        address=_required(
            data.address, field="address", message=_("Give the site's address."), limit=300
        ),
        postcode=_text(data.postcode, field="postcode", limit=12),
        municipality=_text(data.municipality, field="municipality", limit=100),
        region=data.region,
        created_by_organisation=organisation,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="worksite_create",
        record=worksite,
        purpose=purpose_for(actor),
        changes={
            "name": worksite.name,
            "kind": worksite.kind,
            "address": worksite.address,
            "postcode": worksite.postcode,
            "municipality": worksite.municipality,
            "region": data.region.code,
        },
    )
    return worksite


def _ancestors(link: ChainLink) -> list[int]:
    """Company ids from the link up to the principal (the chain is shallow)."""
    seen: list[int] = []
    current: ChainLink | None = link
    while current is not None:
        seen.append(current.company_id)
        current = current.parent
    return seen


@transaction.atomic
def chain_link_add(
    *, actor: Actor, worksite: Worksite, company: Company, works_for: Company | None = None
) -> ChainLink:
    """Place a company in the site's chain: the principal, or working for a company in it."""
    _must_inspect(actor)
    links = {
        link.company_id: link
        for link in ChainLink.objects.select_for_update(of=("self",))
        .select_related("parent")
        .filter(worksite=worksite)
    }
    if works_for is None:
        if any(link.parent_id is None for link in links.values()):
            raise Conflict(_("This site already has a principal."))
        parent = None
    else:
        if works_for.pk not in links:
            raise DomainError(
                _("The company worked for is not in this site's chain yet."), field="works_for"
            )
        parent = links[works_for.pk]
        if company.pk in _ancestors(parent):
            raise DomainError(
                _("A company cannot work for itself, directly or through its subcontractors."),
                field="works_for",
            )
    if company.pk in links:
        raise Conflict(_("This company is already in the site's chain."))
    link = ChainLink.objects.create(worksite=worksite, company=company, parent=parent)
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="chain_link_add",
        record=link,
        purpose=purpose_for(actor),
        changes={
            "worksite": worksite.pk,
            "company": company.pk,
            "works_for": works_for.pk if works_for else None,
        },
    )
    return link


@transaction.atomic
def chain_link_move(*, actor: Actor, link: ChainLink, works_for: Company) -> ChainLink:
    """Correct whom a company works for; refuses to close a cycle."""
    _must_inspect(actor)
    links = {
        row.company_id: row
        for row in ChainLink.objects.select_for_update(of=("self",))
        .select_related("parent")
        .filter(worksite_id=link.worksite_id)
    }
    link = links[link.company_id]
    if link.parent_id is None:
        raise DomainError(_("The principal works for no one in the chain."), field="works_for")
    parent = links.get(works_for.pk)
    if parent is None:
        raise DomainError(
            _("The company worked for is not in this site's chain yet."), field="works_for"
        )
    if link.company_id in _ancestors(parent):
        raise DomainError(
            _("A company cannot work for itself, directly or through its subcontractors."),
            field="works_for",
        )
    old = link.parent.company_id if link.parent else None
    link.parent = parent
    link.save(update_fields=["parent"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="chain_link_move",
        record=link,
        purpose=purpose_for(actor),
        changes={"works_for": {"old": old, "new": works_for.pk}},
    )
    return link


# Joint actions -------------------------------------------------------------------------

PARTICIPANT_ROLES_BY_TYPE: dict[str, frozenset[str]] = {
    OrganisationType.LABOUR_INSPECTION_TEAM: frozenset(
        {ParticipantRole.LEAD, ParticipantRole.INSPECTION}
    ),
    OrganisationType.POLICE_UNIT: frozenset({ParticipantRole.POLICE}),
    OrganisationType.PROSECUTION_OFFICE: frozenset({ParticipantRole.PROSECUTOR}),
    OrganisationType.CENTRE_ADULTS: frozenset({ParticipantRole.CENTRE_SOCIAL_WORKER}),
    OrganisationType.CENTRE_MINORS: frozenset({ParticipantRole.CENTRE_SOCIAL_WORKER}),
    # Denmark's joint inspections ("fælles myndighedsaktioner"): the tax authority inspects
    # beside Arbejdstilsynet; the CMM and its NGO partners meet the workers (the seed's aim).
    OrganisationType.TAX_AUTHORITY: frozenset({ParticipantRole.INSPECTION}),
    OrganisationType.IDENTIFICATION_BODY: frozenset({ParticipantRole.CENTRE_SOCIAL_WORKER}),
    OrganisationType.NGO: frozenset({ParticipantRole.CENTRE_SOCIAL_WORKER}),
}


@transaction.atomic
def joint_action_create(
    *,
    actor: Actor,
    title: str,
    planned_on: date,
    briefing: str = "",
    worksites: list[Worksite] | None = None,
) -> JointAction:
    """Plan a joint action; the actor's team leads it."""
    organisation = _must_inspect(actor)
    _not_before_2000(planned_on, field="planned_on")
    joint_action = JointAction.objects.create(
        title=_required(title, field="title", message=_("Give the joint action a title.")),
        planned_on=planned_on,
        briefing=_text(briefing, field="briefing"),
        lead_organisation=organisation,
        created_by=actor.user,
    )
    sites = list(worksites or [])
    if sites:
        joint_action.worksites.add(*sites)
    Participant.objects.create(
        joint_action=joint_action, organisation=organisation, role=ParticipantRole.LEAD
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="joint_action_create",
        record=joint_action,
        purpose=purpose_for(actor),
        changes={
            "title": joint_action.title,
            "planned_on": planned_on.isoformat(),
            "briefing": joint_action.briefing,
            "worksites": sorted(site.pk for site in sites),
            "lead": organisation.pk,
        },
    )
    return joint_action


def _locked_joint_action(actor: Actor, joint_action: JointAction, version: int) -> JointAction:
    locked = JointAction.objects.select_for_update(of=("self",)).filter(pk=joint_action.pk).first()
    if locked is None or not permissions.takes_part(actor, locked.pk):
        raise NotFound(_("No such joint action."))
    if not permissions.may_manage_joint_action(actor, locked):
        raise PermissionDenied(_("Only the leading team changes a joint action."))
    if locked.version != version:
        raise Conflict(
            _("Someone else changed this joint action meanwhile. Reload the page and try again.")
        )
    return locked


@transaction.atomic
def joint_action_update(
    *,
    actor: Actor,
    joint_action: JointAction,
    expected_version: int,
    title: str,
    planned_on: date,
    briefing: str,
    worksites: list[Worksite],
) -> JointAction:
    locked = _locked_joint_action(actor, joint_action, expected_version)
    _not_before_2000(planned_on, field="planned_on")
    before = {
        "title": locked.title,
        "planned_on": locked.planned_on.isoformat(),
        "briefing": locked.briefing,
        "worksites": sorted(locked.worksites.values_list("pk", flat=True)),
    }
    locked.title = _required(title, field="title", message=_("Give the joint action a title."))
    locked.planned_on = planned_on
    locked.briefing = _text(briefing, field="briefing")
    locked.version += 1
    locked.save()
    locked.worksites.set(worksites)
    after = {
        "title": locked.title,
        "planned_on": planned_on.isoformat(),
        "briefing": locked.briefing,
        "worksites": sorted(site.pk for site in worksites),
    }
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="joint_action_update",
        record=locked,
        purpose=purpose_for(actor),
        changes={k: {"old": before[k], "new": after[k]} for k in after if before[k] != after[k]},
    )
    return locked


@transaction.atomic
def participant_add(
    *,
    actor: Actor,
    joint_action: JointAction,
    expected_version: int,
    organisation: Organisation,
    role: str,
    headcount: int | None = None,
) -> Participant:
    """Invite an organisation to a joint action in a role that fits its kind."""
    locked = _locked_joint_action(actor, joint_action, expected_version)
    allowed = PARTICIPANT_ROLES_BY_TYPE.get(organisation.type, frozenset())
    if role == ParticipantRole.LEAD:
        raise DomainError(_("A joint action has one lead: the team that planned it."), field="role")
    if role not in allowed:
        raise DomainError(
            _("%(organisation)s cannot take part in this role.") % {"organisation": organisation},
            field="role",
        )
    if not organisation.is_active:
        raise DomainError(_("This organisation is no longer active."), field="organisation")
    if headcount is not None and not 0 < headcount <= 500:
        raise DomainError(_("Give a number of people between 1 and 500."), field="headcount")
    if Participant.objects.filter(joint_action=locked, organisation=organisation).exists():
        raise Conflict(_("This organisation already takes part."))
    participant = Participant.objects.create(
        joint_action=locked, organisation=organisation, role=role, headcount=headcount
    )
    locked.version += 1
    locked.save(update_fields=["version"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="participant_add",
        record=participant,
        purpose=purpose_for(actor),
        changes={
            "joint_action": locked.reference,
            "organisation": organisation.pk,
            "role": role,
            "headcount": headcount,
        },
    )
    return participant


# Inspections ---------------------------------------------------------------------------


@transaction.atomic
def inspection_plan(
    *,
    actor: Actor,
    planned_on: date,
    sector: str,
    worksite: Worksite | None = None,
    joint_action: JointAction | None = None,
    trafficking_focused: bool = True,
) -> Inspection:
    """Plan an inspection for the actor's own team, on its own or within a joint action."""
    team = _must_inspect(actor)
    _not_before_2000(planned_on, field="planned_on")
    if sector not in Sector.values:
        raise DomainError(_("Choose a sector from the list."), field="sector")
    if joint_action is not None:
        if not permissions.takes_part(actor, joint_action.pk):
            raise DomainError(
                _("Your team does not take part in this joint action."), field="joint_action"
            )
        if worksite is not None and not joint_action.worksites.filter(pk=worksite.pk).exists():
            joint_action.worksites.add(worksite)
    inspection = Inspection.objects.create(
        team=team,
        joint_action=joint_action,
        worksite=worksite,
        sector=sector,
        trafficking_focused=trafficking_focused,
        planned_on=planned_on,
        created_by=actor.user,
    )
    InspectionEvent.objects.create(
        inspection=inspection, from_status="", to_status=InspectionStatus.PLANNED, by=actor.user
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="inspection_plan",
        record=inspection,
        purpose=purpose_for(actor),
        changes={
            "team": team.pk,
            "planned_on": planned_on.isoformat(),
            "sector": sector,
            "worksite": worksite.pk if worksite else None,
            "joint_action": joint_action.reference if joint_action else None,
            "trafficking_focused": trafficking_focused,
        },
    )
    return inspection


def _site_for(inspection: Inspection, worksite: Worksite | None) -> Worksite | None:
    if worksite is not None and inspection.worksite_id not in {None, worksite.pk}:
        raise DomainError(_("This inspection already names its site."), field="worksite")
    return worksite or inspection.worksite


@transaction.atomic
def inspection_carry_out(
    *,
    actor: Actor,
    inspection: Inspection,
    expected_version: int,
    carried_out_on: date,
    worksite: Worksite | None = None,
) -> Inspection:
    def apply(step: Step[Inspection, None]) -> None:
        locked = step.record
        if carried_out_on > local_today():
            raise DomainError(
                _("An inspection cannot be carried out in the future."), field="carried_out_on"
            )
        _not_before_2000(carried_out_on, field="carried_out_on")
        locked.worksite = _site_for(locked, worksite)
        locked.carried_out_on = carried_out_on
        step.changes.update(
            {"carried_out_on": carried_out_on.isoformat(), "worksite": locked.worksite_id}
        )

    return take(
        INSPECTIONS,
        CARRY_OUT,
        inspection,
        actor=actor,
        expected_version=expected_version,
        apply=apply,
    ).record


@transaction.atomic
def inspection_report(
    *,
    actor: Actor,
    inspection: Inspection,
    expected_version: int,
    reported_on: date,
    outcome: str,
    findings: str,
    worksite: Worksite | None = None,
) -> Inspection:
    def apply(step: Step[Inspection, None]) -> None:
        locked = step.record
        site = _site_for(locked, worksite)
        if site is None:
            raise DomainError(
                _("A report names the site that was inspected. Choose the site."),
                field="worksite",
            )
        if reported_on > local_today():
            raise DomainError(_("A report cannot be dated in the future."), field="reported_on")
        assert locked.carried_out_on is not None  # set by the carry-out transition
        if reported_on < locked.carried_out_on:
            raise DomainError(
                _("A report cannot be dated before the inspection (%(date)s).")
                % {"date": locked.carried_out_on.isoformat()},
                field="reported_on",
            )
        if outcome not in InspectionOutcome.values:
            raise DomainError(_("Choose the outcome from the list."), field="outcome")
        text = _required(
            findings, field="findings", message=_("Write the findings."), limit=TEXT_MAX
        )
        locked.worksite = site
        locked.reported_on = reported_on
        locked.outcome = outcome
        locked.findings = text
        step.changes.update(
            {
                "reported_on": reported_on.isoformat(),
                "outcome": outcome,
                "findings": text,
                "worksite": site.pk,
            }
        )

    return take(
        INSPECTIONS, REPORT, inspection, actor=actor, expected_version=expected_version, apply=apply
    ).record


@transaction.atomic
def inspection_cancel(
    *, actor: Actor, inspection: Inspection, expected_version: int, reason: str = ""
) -> Inspection:
    def apply(step: Step[Inspection, None]) -> None:
        step.changes["reason"] = _text(reason, field="reason", limit=NOTE_MAX)

    return take(
        INSPECTIONS, CANCEL, inspection, actor=actor, expected_version=expected_version, apply=apply
    ).record


# Screenings ----------------------------------------------------------------------------


@dataclass
class ObservationData:
    framework: str
    indicator: str
    note: str = ""


@dataclass
class ScreeningData:
    """What the on-site form, the API or the demo says about one worker met."""

    screened_on: date | None = None
    person_reference: str = ""
    new_person: PersonData | None = None
    nationality: str = ""
    language: str = ""
    presumed_minor: bool = False
    hourly_wage_eur: Decimal | None = None
    weekly_hours: Decimal | None = None
    rest_days_per_week: int | None = None
    observations: list[ObservationData] = field(default_factory=list)
    leaflet_language: str = ""
    consent: str = Consent.NOT_ASKED
    notes: str = ""


def _validate_screening(data: ScreeningData, inspection: Inspection, today: date) -> date:
    screened_on = data.screened_on or today
    if screened_on > today:
        raise DomainError(_("A screening cannot be dated in the future."), field="screened_on")
    start = inspection.carried_out_on or inspection.planned_on
    if screened_on < start:
        raise DomainError(
            _("A screening cannot be dated before its inspection (%(date)s).")
            % {"date": start.isoformat()},
            field="screened_on",
        )
    if data.nationality and data.nationality not in COUNTRY_CODES:
        raise DomainError(
            _("%(code)s is not an ISO 3166 country code.") % {"code": data.nationality},
            field="nationality",
        )
    for name in ("language", "leaflet_language"):
        code = getattr(data, name)
        if code and code not in LANGUAGE_CODES:
            raise DomainError(
                _("%(code)s is not an ISO 639 language code.") % {"code": code}, field=name
            )
    if data.consent not in Consent.values:
        raise DomainError(_("Choose the worker's answer from the list."), field="consent")
    if data.hourly_wage_eur is not None and not Decimal(0) <= data.hourly_wage_eur < 1000:
        raise DomainError(_("Give the hourly pay in euros, 0 or more."), field="hourly_wage_eur")
    if data.weekly_hours is not None and not Decimal(0) <= data.weekly_hours <= 168:
        raise DomainError(_("A week has 168 hours at most."), field="weekly_hours")
    if data.rest_days_per_week is not None and not 0 <= data.rest_days_per_week <= 7:
        raise DomainError(_("A week has 7 days."), field="rest_days_per_week")
    seen: set[tuple[str, str]] = set()
    for row in data.observations:
        if not suggestion.known_indicator(row.framework, row.indicator):
            raise DomainError(
                _("Unknown indicator %(indicator)s.") % {"indicator": row.indicator},
                field="observations",
            )
        if (row.framework, row.indicator) in seen:
            raise DomainError(
                _("Indicator %(indicator)s is given twice.") % {"indicator": row.indicator},
                field="observations",
            )
        seen.add((row.framework, row.indicator))
        _text(row.note, field="observations", limit=NOTE_MAX)
    if data.person_reference and data.new_person is not None:
        raise DomainError(_("Either link a person or record a new one, not both."), field="person")
    return screened_on


def _screened_person(actor: Actor, data: ScreeningData, screened_on: date) -> Person:
    if data.person_reference:
        try:
            person, _decision = person_find_for_actor(actor, data.person_reference)
        except NotFound as exc:
            # The same answer whether the reference does not exist or is another's to see.
            raise DomainError(
                _("No person with this reference is known to your team."), field="person"
            ) from exc
        assert actor.organisation is not None
        involvement_open(
            actor=actor,
            person=person,
            organisation=actor.organisation,
            purpose=purpose_for(actor),
            basis=InvolvementBasis.SCREENING,
        )
        return person
    new = data.new_person or PersonData()
    if not new.nationalities and data.nationality:
        new.nationalities = [data.nationality]
    if not new.languages and data.language:
        new.languages = [data.language]
    new.first_contact_on = new.first_contact_on or screened_on
    # The team's first contact: person_create opens its involvement.
    return person_create(actor=actor, data=new)


def facts_of(screening: Screening, observed: frozenset[tuple[str, str]]) -> suggestion.Facts:
    return suggestion.Facts(
        observed=observed,
        hourly_wage_eur=screening.hourly_wage_eur,
        weekly_hours=screening.weekly_hours,
        rest_days_per_week=screening.rest_days_per_week,
        minor=routing.is_minor(
            screening.person, screening.screened_on, presumed_minor=screening.presumed_minor
        ),
    )


@transaction.atomic
def screening_create(*, actor: Actor, inspection: Inspection, data: ScreeningData) -> Screening:
    """Record one worker met at the inspection, the indicators observed and the answers."""
    inspection = Inspection.objects.select_for_update(of=("self",)).get(pk=inspection.pk)
    if not permissions.may_see_inspection(actor, inspection):
        raise NotFound(_("No such inspection."))
    if not permissions.may_record_on(actor, inspection):
        raise PermissionDenied(_("Only the members of the inspecting team screen its workers."))
    if inspection.status not in {InspectionStatus.PLANNED, InspectionStatus.CARRIED_OUT}:
        raise Conflict(
            _("Workers are screened while the inspection is planned or carried out, not after.")
        )
    organisation = actor.organisation
    assert organisation is not None
    screened_on = _validate_screening(data, inspection, timezone.localdate())
    person = _screened_person(actor, data, screened_on)
    if Screening.objects.filter(inspection=inspection, person=person).exists():
        raise Conflict(_("This worker has already been screened at this inspection."))
    screening = Screening(
        inspection=inspection,
        person=person,
        organisation=organisation,
        screened_by=actor.user,
        screened_on=screened_on,
        nationality=data.nationality,
        language=data.language,
        presumed_minor=data.presumed_minor,
        hourly_wage_eur=data.hourly_wage_eur,
        weekly_hours=data.weekly_hours,
        rest_days_per_week=data.rest_days_per_week,
        leaflet_language=data.leaflet_language,
        consent=data.consent,
        notes=_text(data.notes, field="notes"),
    )
    observed = frozenset((row.framework, row.indicator) for row in data.observations)
    result = suggestion.suggest(facts_of(screening, observed))
    screening.suggests_potential_victim = result.potential_victim
    screening.indicator_count = result.indicator_count
    screening.save(force_insert=True)
    Observation.objects.bulk_create(
        Observation(
            screening=screening,
            person=person,
            framework=row.framework,
            indicator=row.indicator,
            dimension=suggestion.dimension_of(row.framework, row.indicator),
            observed_on=screened_on,
            organisation=organisation,
            note=row.note.strip(),
        )
        for row in data.observations
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="screening_create",
        record=screening,
        purpose=purpose_for(actor),
        changes={
            "inspection": inspection.reference,
            "person": person.reference,
            "screened_on": screened_on.isoformat(),
            "nationality": data.nationality,
            "language": data.language,
            "presumed_minor": data.presumed_minor,
            "hourly_wage_eur": data.hourly_wage_eur,
            "weekly_hours": data.weekly_hours,
            "rest_days_per_week": data.rest_days_per_week,
            "observations": sorted(f"{f}:{i}" for f, i in observed),
            "leaflet_language": data.leaflet_language,
            "consent": data.consent,
            "suggestion": result.level.value,
        },
    )
    return screening


def _referral_details(screening: Screening, channel: str, details: str) -> str:
    lines = [
        _("Screening %(screening)s at inspection %(inspection)s on %(date)s.")
        % {
            "screening": screening.reference,
            "inspection": screening.inspection.reference,
            "date": screening.screened_on.isoformat(),
        }
    ]
    if channel == ReferralChannel.HOTLINE:
        lines.append(_("Handed over by phone to the centre's hotline."))
    if screening.suggests_potential_victim:
        lines.append(
            _("The indicators observed suggest a potential victim (not an identification).")
        )
    if details.strip():
        lines.append(details.strip())
    return "\n".join(lines)


@transaction.atomic
def screening_refer(
    *,
    actor: Actor,
    screening: Screening,
    expected_version: int,
    channel: str = ReferralChannel.DIRECT,
    consent_confirmed: bool = False,
    details: str = "",
) -> Referral:
    """Refer the worker to the regional specialised centre, directly or through its hotline.

    The referral is made by nrm.referrals, which routes it by region and age; the region is
    the site's. An adult is referred only with their consent; a (presumed) minor always
    (product choice, after Directive 2011/36/EU art. 13-14: assistance to a child does not
    wait for its agreement).
    """
    locked = (
        Screening.objects.select_for_update(of=("self",))
        .select_related("inspection__worksite__region", "inspection__team__region", "person")
        .filter(pk=screening.pk)
        .first()
    )
    if locked is None or not permissions.may_see_inspection(actor, locked.inspection):
        raise NotFound(_("No such screening."))
    if not permissions.may_record_on(actor, locked.inspection):
        raise PermissionDenied(_("Only the members of the inspecting team refer its workers."))
    if locked.version != expected_version:
        raise Conflict(
            _("Someone else changed this screening meanwhile. Reload the page and try again.")
        )
    if locked.referral_id is not None:
        raise Conflict(_("This worker has already been referred from this screening."))
    if channel not in ReferralChannel.values:
        raise DomainError(_("Choose how the worker is referred."), field="channel")
    today = timezone.localdate()
    minor = routing.is_minor(locked.person, today, presumed_minor=locked.presumed_minor)
    consent_before = locked.consent
    if consent_confirmed:
        locked.consent = Consent.CONSENTED
    if locked.consent != Consent.CONSENTED and not minor:
        raise DomainError(
            _("An adult is referred only with their consent. Ask the worker and confirm it."),
            field="consent_confirmed",
        )
    inspection = locked.inspection
    region = inspection.worksite.region if inspection.worksite else inspection.team.region
    referral = referral_create(
        actor=actor,
        person=locked.person,
        reason=ReferralReason.ADDITIONAL_SERVICES_REQUIRED,
        details=_referral_details(locked, channel, _text(details, field="details", limit=2000)),
        source=ReferralSource.INSPECTION,
        region=region,
        presumed_minor=locked.presumed_minor,
        referred_on=today,
    )
    locked.referral = referral
    locked.referral_channel = channel
    locked.version += 1
    locked.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="screening_refer",
        record=locked,
        purpose=purpose_for(actor),
        changes={
            "person": locked.person.reference,
            "referral": referral.reference,
            "centre": referral.referred_organisation_id,
            "channel": channel,
            "consent": {"old": consent_before, "new": locked.consent},
        },
    )
    return referral


# Evidence ------------------------------------------------------------------------------


@transaction.atomic
def evidence_add(
    *,
    actor: Actor,
    inspection: Inspection,
    kind: str,
    upload: IO[bytes],
    size: int | None = None,
    name: str = "",
    description: str = "",
    screening: Screening | None = None,
) -> Evidence:
    """Store a photo or document: checked by content, photos cleaned, encrypted at rest.

    All or nothing: the file is written last, and removed again if the row cannot be.
    """
    if not permissions.may_see_inspection(actor, inspection):
        raise NotFound(_("No such inspection."))
    if not permissions.may_add_evidence(actor, inspection):
        raise PermissionDenied(_("Your organisation cannot add evidence to this inspection."))
    if inspection.status == InspectionStatus.CANCELLED:
        raise Conflict(_("This inspection was cancelled."))
    if kind not in EvidenceKind.values:
        raise DomainError(_("Choose the kind of evidence from the list."), field="kind")
    if screening is not None and screening.inspection_id != inspection.pk:
        raise DomainError(_("This screening belongs to another inspection."), field="screening")
    description = _text(description, field="description", limit=NOTE_MAX)
    clean = files.clean_upload(files.read_limited(upload, size))
    token, key = files.encrypt(clean.data)
    organisation = actor.organisation
    assert organisation is not None
    evidence = Evidence(
        inspection=inspection,
        screening=screening,
        person=screening.person if screening else None,
        kind=kind,
        description=description,
        original_name=_text(name, field="file", limit=200),
        file_key=key,
        content_type=clean.content_type,
        size=len(clean.data),
        sha256=clean.sha256,
        metadata_stripped=clean.metadata_stripped,
        organisation=organisation,
        uploaded_by=actor.user,
    )
    evidence.file.save("evidence", ContentFile(token), save=False)
    stored = evidence.file.name
    try:
        with transaction.atomic():
            evidence.save(force_insert=True)
            audit_record(
                actor=actor,
                event_type=AuditEventType.CREATE,
                action="evidence_add",
                record=evidence,
                purpose=purpose_for(actor),
                changes={
                    "inspection": inspection.reference,
                    "screening": screening.reference if screening else None,
                    "person": screening.person.reference if screening else None,
                    "kind": kind,
                    "description": description,
                    "content_type": clean.content_type,
                    "size": evidence.size,
                    "sha256": clean.sha256,
                    "metadata_stripped": clean.metadata_stripped,
                },
            )
    except BaseException:
        evidence.file.storage.delete(stored)
        raise
    return evidence


# Targets -------------------------------------------------------------------------------


@transaction.atomic
def target_set(*, actor: Actor, team: Organisation, year: int, target: int) -> InspectionTarget:
    """Set a team's optional yearly share of trafficking-focused inspections; the political
    target itself is national (`targets.national_target`)."""
    if not permissions.may_set_targets(actor):
        raise PermissionDenied(_("Only the coordinating level sets the teams' targets."))
    if team.type != OrganisationType.LABOUR_INSPECTION_TEAM:
        raise DomainError(_("Targets are set for labour-inspection teams."), field="team")
    if not 2000 <= year <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."), field="year")
    if not 0 <= target <= 100_000:
        raise DomainError(_("Give a target of 0 or more."), field="target")
    row = (
        InspectionTarget.objects.select_for_update(of=("self",))
        .filter(team=team, year=year)
        .first()
    )
    old = row.target if row else None
    if row is None:
        row = InspectionTarget(team=team, year=year, target=target, set_by=actor.user)
    else:
        row.target = target
        row.set_by = actor.user
        row.set_at = timezone.now()
    row.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE if old is None else AuditEventType.UPDATE,
        action="target_set",
        record=row,
        purpose=purpose_for(actor),
        changes={"team": team.pk, "year": year, "target": {"old": old, "new": target}},
    )
    return row
