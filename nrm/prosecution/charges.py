"""Charges as lawyers write them (issue 9 §1).

A charge is stored as the legal engine's provision id (`BE-CP-433quinquies`) and shown
everywhere as the citation (`nrm.law.provisions`): the case page, the history, the API's
`label`. Users choose from the provisions that can apply to the case's offence period,
never type an id; the API keeps taking ids and refuses unknown ones.

The offence period is the one of the qualification the charge rests on, or else of the
latest qualification of the case; a case never qualified is offered every chargeable
provision of the installation's law. Provisions of the new Belgian code carry an
article number and levels that are not verified: their label says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from nrm.law import provisions as catalogue
from nrm.law.rules import Tag
from nrm.prosecution.models import CaseFile, QualificationSnapshot
from nrm.qualification.config import be2026_config


def is_unverified(provision_id: str) -> bool:
    provision = catalogue.PROVISIONS.get(provision_id)
    return provision is not None and (
        provision.tag == Tag.UNVERIFIED or provision.article_unverified
    )


def provision_citation(provision_id: str) -> str:
    """The citation in the user's language, marked when the provision is not verified."""
    label = catalogue.provision_label(provision_id, _, be2026=be2026_config())
    if is_unverified(provision_id):
        return _("%(citation)s (UNVERIFIED)") % {"citation": label}
    return label


@dataclass(frozen=True)
class OffencePeriod:
    start: date
    end: date | None


def offence_period(
    case: CaseFile, snapshot: QualificationSnapshot | None = None
) -> OffencePeriod | None:
    """The offence period of `snapshot`, else of the case's latest qualification."""
    chosen = snapshot or (
        QualificationSnapshot.objects.filter(case=case).order_by("-taken_at", "-pk").first()
    )
    if chosen is None:
        return None
    period = chosen.facts.get("offence_period") if isinstance(chosen.facts, dict) else None
    if not isinstance(period, dict) or not period.get("start"):
        return None
    try:
        start = date.fromisoformat(str(period["start"]))
        end = date.fromisoformat(str(period["end"])) if period.get("end") else None
    except ValueError:
        return None
    return OffencePeriod(start, end)


def charge_choices(period: OffencePeriod | None) -> list[tuple[str, str]]:
    """(id, citation) of the provisions that can be charged for acts in `period`: the
    union of those applying on its first and its last day (both codes for a period that
    spans the Belgian cut-over; the court weighs the more lenient law)."""
    jurisdiction = settings.NRM_JURISDICTION
    config = be2026_config()
    days: list[date | None] = [None]
    if period is not None:
        days = [period.start, *([period.end] if period.end else [])]
    ids: dict[str, None] = {}
    for day in days:
        for pid, _label in catalogue.charge_choices(jurisdiction, day, be2026=config):
            ids[pid] = None
    return [(pid, provision_citation(pid)) for pid in ids]


def is_trafficking(provision_id: str) -> bool:
    return catalogue.is_trafficking(provision_id)


def refusal(provision_id: str, period: OffencePeriod | None) -> str | None:
    """Why `provision_id` cannot be charged in this case, or None."""
    provision = catalogue.PROVISIONS.get(provision_id)
    if provision is None:
        return _(
            "%(provision)s is not a provision this system knows. Choose one from the list."
        ) % {"provision": provision_id}
    if not provision.chargeable:
        return _("%(citation)s is a definition in international law, not an offence to charge.") % {
            "citation": provision_citation(provision_id)
        }
    if provision_id not in dict(charge_choices(period)):
        if period is None or provision.jurisdiction != settings.NRM_JURISDICTION:
            return _("%(citation)s is not an offence under the law of this installation.") % {
                "citation": provision_citation(provision_id)
            }
        return _(
            "%(citation)s does not apply to acts committed from %(start)s to %(end)s; choose a "
            "provision in force at the time of the acts."
        ) % {
            "citation": provision_citation(provision_id),
            "start": formats.date_format(period.start, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(period.end or period.start, "SHORT_DATE_FORMAT"),
        }
    return None
