"""Employers (companies), worksites and the subcontracting chain between them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import purpose_for
from nrm.core.errors import Conflict, DomainError
from nrm.inspections.actions._common import (
    _must_inspect,
    _required,
    _text,
)
from nrm.inspections.models import (
    ChainLink,
    Company,
    Worksite,
)
from nrm.inspections.vocab import (
    Sector,
    WorksiteKind,
    enterprise_number_is_valid,
    normalise_enterprise_number,
    section_of_nace_code,
)
from nrm.organisations.models import Region
from nrm.people.vocab import COUNTRY_CODES

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
