"""Template helpers for the referral pages and for other apps' pages that offer referrals
(navigation, the person page): what to offer, and the inbox's words for its codes."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.people.vocab import language_name
from nrm.referrals import htcds, queries, workflow
from nrm.referrals.models import Referral

register = template.Library()


@register.filter
def may_refer(actor: Actor | None) -> bool:
    """Whether to offer "Refer": the role may refer; the form checks the person itself."""
    return actor is not None and workflow.may_refer(actor)


@register.filter
def keeps_hotline(actor: Actor | None) -> bool:
    return actor is not None and workflow.may_keep_hotline(actor)


@register.filter
def language(code: str) -> str:
    """One ISO 639 code's name in the user's language."""
    return language_name(code)


@register.filter
def languages(codes: list[str] | None) -> str:
    """A person's languages by name in the user's language, the first (the primary) first."""
    return ", ".join(language_name(code) for code in codes or [])


@register.filter
def reason_label(code: str) -> str:
    """The specific wording of a referral's reason, not the HTCDS term or code."""
    return htcds.reason_label(code)


@register.filter
def exploitation_label(referral: Referral) -> str:
    """The presumed form of exploitation in the user's language, "" when not known."""
    return str(referral.get_exploitation_form_display()) if referral.exploitation_form else ""


_URGENCY_LABELS = {
    queries.Urgency.DANGER: lambda: _("In danger now"),
    queries.Urgency.MINOR: lambda: _("Minor"),
    queries.Urgency.OVERDUE: lambda: _("Answer overdue"),
}


@register.filter
def urgency_reasons(referral: Referral) -> list[str]:
    """Why a waiting referral is urgent, in words, most pressing first (empty if it is not)."""
    return [_URGENCY_LABELS[u]() for u in queries.urgency_of(referral)]


@register.filter
def minor(referral: Referral) -> bool:
    return queries.minor_of(referral)


@register.filter
def age_at_referral(referral: Referral) -> int | None:
    return queries.age_at_referral(referral)
