"""The report as contract JSON (CONTRACTS.md §1 output) and as readable text.

Both take a `translate` callable: the identity here, Django's gettext at the edge.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from nrm.law.i18n import Message, Translate, _, identity
from nrm.law.indicators.dignity import DignityProfile
from nrm.law.report import AppliedPenalty, JurisdictionResult, QualificationReport
from nrm.law.rules import Citation, ElementStatus, Outcome, Range

JSONObject = dict[str, Any]


@cache
def qualification_schema() -> Mapping[str, Any]:
    """The JSON Schema of the output (shipped so that the API can serve it)."""
    text = (
        resources.files("nrm.law.schemas").joinpath("qualification.schema.json").read_text("utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def report_to_json(report: QualificationReport, translate: Translate = identity) -> JSONObject:
    """The `nrm qualify --json` document."""
    return {"results": [_result(result, translate) for result in report.results]}


def _result(result: JurisdictionResult, translate: Translate) -> JSONObject:
    data: JSONObject = {
        "jurisdiction": result.jurisdiction,
        "provision": result.provision,
        "ruleset": result.ruleset,
        "result": result.result.value,
        "elements": {
            "act": result.elements.act.value,
            "means": result.elements.means.value,
            "purpose": result.elements.purpose.value,
        },
        "aggravating": [
            _aggravating(a.provision, a.reason, a.requires_judicial_assessment, translate)
            for a in result.aggravating
        ],
        "penalty": None if result.penalty is None else _penalty(result.penalty),
        "fallback_offences": [
            {
                "provision": f.provision,
                "penalty": _penalty(f.penalty),
                "reason": f.reason.render(translate),
            }
            for f in result.fallback_offences
        ],
        "indicators": (
            {}
            if result.human_dignity is None
            else {"human_dignity": _dignity(result.human_dignity, translate)}
        ),
        "explanation": [m.render(translate) for m in result.explanation],
        "sources": _sources(result.sources),
        # Extensions of the contract (optional fields, CONTRACTS.md allows them):
        "ruleset_in_force": result.ruleset_in_force,
        "lex_mitior_review": result.lex_mitior_review,
    }
    if result.non_punishment_applicable is not None:
        data["non_punishment_applicable"] = result.non_punishment_applicable
    return data


def _aggravating(
    provision: str, reason: Message, assessment: bool, translate: Translate
) -> JSONObject:
    data: JSONObject = {"provision": provision, "reason": reason.render(translate)}
    if assessment:
        data["requires_judicial_assessment"] = True
    return data


def _range(value: Range) -> JSONObject:
    return {"min": value.min, "max": value.max}


def _penalty(penalty: AppliedPenalty) -> JSONObject:
    data: JSONObject = {
        "imprisonment_months": _range(penalty.imprisonment_months),
        "fine_eur": None if penalty.fine_eur is None else _range(penalty.fine_eur),
        "fine_multiplied_by_victims": penalty.fine_multiplied_by_victims,
    }
    if penalty.fine_eur_per_victim is not None:
        data["fine_eur_per_victim"] = _range(penalty.fine_eur_per_victim)
    if penalty.max_at_least:
        data["max_at_least"] = True
    return data


def _dignity(profile: DignityProfile, translate: Translate) -> JSONObject:
    return {
        "present": list(profile.present),
        "count": profile.count,
        "core_present": list(profile.core_present),
        "not_known": list(profile.not_known),
        "severity": profile.severity.value,
        "likely": profile.likely,
        "reasons": [m.render(translate) for m in profile.reasons],
        "thresholds": {
            "wage_ratio_max": profile.wage_ratio_max,
            "weekly_hours_min": profile.weekly_hours_min,
            "product_choice": True,
        },
    }


def _sources(citations: tuple[Citation, ...]) -> list[JSONObject]:
    by_key: dict[tuple[str, str], list[str]] = {}
    for citation in citations:
        for key in citation.keys:
            rules = by_key.setdefault((key, citation.tag.value), [])
            if citation.rule not in rules:
                rules.append(citation.rule)
    return [{"key": key, "tag": tag, "rules": rules} for (key, tag), rules in by_key.items()]


# --------------------------------------------------------------------------- text

_OUTCOME_LABELS = {
    Outcome.QUALIFIES: _("qualifies"),
    Outcome.DOES_NOT_QUALIFY: _("does not qualify"),
    Outcome.POSSIBLE_PENDING_ASSESSMENT: _("may qualify, pending a judge's assessment"),
    Outcome.INSUFFICIENT_FACTS: _("facts are missing to decide"),
}

_STATUS_LABELS = {
    ElementStatus.SATISFIED: _("satisfied"),
    ElementStatus.NOT_SATISFIED: _("not satisfied"),
    ElementStatus.INSUFFICIENT_FACTS: _("not known"),
    ElementStatus.REQUIRES_JUDICIAL_ASSESSMENT: _("needs a judge's assessment"),
    ElementStatus.NOT_REQUIRED: _("not required"),
}


def render_text(report: QualificationReport, translate: Translate = identity) -> str:
    """The readable explanation printed by `nrm qualify` without `--json`."""
    blocks = [_result_text(result, translate) for result in report.results]
    return "\n\n".join(blocks) + "\n"


def _result_text(result: JurisdictionResult, translate: Translate) -> str:
    def say(template: str, **params: str | int) -> str:
        return Message(template, params).render(translate)

    lines = [
        say(
            _("%(jurisdiction)s — %(provision)s (ruleset %(ruleset)s)"),
            jurisdiction=result.jurisdiction,
            provision=result.provision,
            ruleset=result.ruleset,
        ),
        say(
            _("Result: %(label)s (%(code)s)"),
            label=translate(_OUTCOME_LABELS[result.result]),
            code=result.result.value,
        ),
        say(
            _("Act: %(act)s. Means: %(means)s. Purpose: %(purpose)s."),
            act=translate(_STATUS_LABELS[result.elements.act]),
            means=translate(_STATUS_LABELS[result.elements.means]),
            purpose=translate(_STATUS_LABELS[result.elements.purpose]),
        ),
    ]
    if result.lex_mitior_review:
        lines.append(
            say(_("The law changed during the offence period: a lex mitior review is needed."))
        )
    if result.non_punishment_applicable:
        lines.append(say(_("The non-punishment rule for victims may apply.")))
    if result.aggravating:
        lines.append(say(_("Aggravating circumstances:")))
        lines.extend(f"  - {a.provision}: {a.reason.render(translate)}" for a in result.aggravating)
    if result.fallback_offences:
        lines.append(say(_("Other offences to examine:")))
        lines.extend(
            f"  - {f.provision}: {f.reason.render(translate)}" for f in result.fallback_offences
        )
    if result.human_dignity is not None and result.human_dignity.reasons:
        lines.append(say(_("Human-dignity indicators present:")))
        lines.extend(f"  - {m.render(translate)}" for m in result.human_dignity.reasons)
    lines.append(say(_("Explanation:")))
    lines.extend(f"  - {m.render(translate)}" for m in result.explanation)
    sources = ", ".join(f"{s['key']} [{s['tag']}]" for s in _sources(result.sources))
    if sources:
        lines.append(say(_("Sources: %(sources)s"), sources=sources))
    return "\n".join(lines)
