"""The report as contract JSON (CONTRACTS.md §1 output) and as readable text.

Both take a `translate` callable: the identity here, Django's gettext at the edge.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from nrm.law.durations import imprisonment_range
from nrm.law.i18n import Message, Translate, _, identity
from nrm.law.indicators.dignity import DignityProfile
from nrm.law.provisions import provision_label
from nrm.law.report import (
    AggravatingCircumstance,
    AppliedPenalty,
    FallbackOffence,
    JurisdictionResult,
    QualificationReport,
    Role,
)
from nrm.law.rules import Citation, ElementStatus, Outcome, Range, Tag

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
    tags = source_tags(report)
    return {"results": [_result(result, translate, tags) for result in report.results]}


_STRENGTH = {Tag.V: 3, Tag.S: 2, Tag.K: 1, Tag.UNVERIFIED: 0}


def source_tags(report: QualificationReport) -> dict[str, Tag]:
    """One tag per source key in one answer: the weakest tag of the rules the answer draws
    from that source. A rule keeps its own tag (one rule id, one tag, in every ruleset), so
    a source is never shown verified beside a rule from it that is not."""
    tags: dict[str, Tag] = {}
    for result in report.results:
        for citation in result.sources:
            for key in citation.keys:
                known = tags.get(key)
                if known is None or _STRENGTH[citation.tag] < _STRENGTH[known]:
                    tags[key] = citation.tag
    return tags


def _result(
    result: JurisdictionResult, translate: Translate, tags: Mapping[str, Tag]
) -> JSONObject:
    data: JSONObject = {
        "jurisdiction": result.jurisdiction,
        "provision": result.provision,
        "ruleset": result.ruleset,
        "in_force": result.ruleset_in_force,
        "role": result.role.value,
        "governing_ruleset": result.governing_ruleset,
        "lex_mitior_check_required": result.lex_mitior_review,
        "result": result.result.value,
        "elements": {
            "act": result.elements.act.value,
            "means": result.elements.means.value,
            "purpose": result.elements.purpose.value,
        },
        "aggravating": [_aggravating(a, translate) for a in result.aggravating],
        "penalty": None if result.penalty is None else _penalty(result.penalty, translate),
        "fallback_offences": [_fallback(f, translate) for f in result.fallback_offences],
        "indicators": (
            {}
            if result.human_dignity is None
            else {"human_dignity": _dignity(result.human_dignity, translate)}
        ),
        "explanation": [m.render(translate) for m in result.explanation],
        "sources": _sources(result.sources, tags),
        # Extensions of the contract (optional fields, CONTRACTS.md allows them):
        "rules": _rules(result.sources),
        "unverified": list(result.unverified),
        "flags": [flag.value for flag in result.flags],
        # Kept for readers of the first version of the contract.
        "ruleset_in_force": result.ruleset_in_force,
        "lex_mitior_review": result.lex_mitior_review,
    }
    if result.citation is not None:
        data["citation"] = result.citation.render(translate)
    if result.non_punishment_applicable is not None:
        data["non_punishment_applicable"] = result.non_punishment_applicable
    return data


def _aggravating(item: AggravatingCircumstance, translate: Translate) -> JSONObject:
    data: JSONObject = {"provision": item.provision, "reason": item.reason.render(translate)}
    if item.citation is not None:
        data["citation"] = item.citation.render(translate)
    if item.requires_judicial_assessment:
        data["requires_judicial_assessment"] = True
    return data


def _fallback(item: FallbackOffence, translate: Translate) -> JSONObject:
    data: JSONObject = {
        "provision": item.provision,
        "citation": item.citation.render(translate),
        "penalty": None if item.penalty is None else _penalty(item.penalty, translate),
        "reason": item.reason.render(translate),
    }
    if item.new_code_provision is not None:
        data["new_code_provision"] = item.new_code_provision
        data["new_code_citation"] = provision_label(item.new_code_provision, translate)
    if item.unverified:
        data["unverified"] = list(item.unverified)
    return data


def _range(value: Range) -> JSONObject:
    return {"min": value.min, "max": value.max}


def _penalty(penalty: AppliedPenalty, translate: Translate) -> JSONObject:
    months = penalty.imprisonment_months
    data: JSONObject = {
        "imprisonment_months": None if months is None else _range(months),
        "imprisonment": imprisonment_range(months, life=penalty.life).render(translate),
        "fine_eur": None if penalty.fine_eur is None else _range(penalty.fine_eur),
        "fine_multiplied_by_victims": penalty.fine_multiplied_by_victims,
    }
    if penalty.fine_eur_total is not None:
        data["fine_eur_total"] = _range(penalty.fine_eur_total)
    if penalty.level is not None:
        data["level"] = penalty.level
    if penalty.life:
        data["life_imprisonment"] = True
    if penalty.administrative_fine_eur is not None:
        data["administrative_fine_eur"] = _range(penalty.administrative_fine_eur)
    if penalty.surcharge is not None:
        data["surcharge_multiplier"] = penalty.surcharge
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


def _sources(citations: tuple[Citation, ...], tags: Mapping[str, Tag]) -> list[JSONObject]:
    by_key: dict[str, list[str]] = {}
    for citation in citations:
        for key in citation.keys:
            rules = by_key.setdefault(key, [])
            if citation.rule not in rules:
                rules.append(citation.rule)
    return [{"key": key, "tag": tags[key].value, "rules": rules} for key, rules in by_key.items()]


def _rules(citations: tuple[Citation, ...]) -> list[JSONObject]:
    seen: dict[str, JSONObject] = {}
    for citation in citations:
        if citation.rule not in seen:
            seen[citation.rule] = {
                "rule": citation.rule,
                "tag": citation.tag.value,
                "sources": list(citation.keys),
            }
    return list(seen.values())


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
    tags = source_tags(report)
    blocks = [_result_text(result, translate, tags) for result in report.results]
    return "\n\n".join(blocks) + "\n"


def _penalty_text(penalty: AppliedPenalty, translate: Translate) -> str:
    def say(template: str, **params: str | int) -> str:
        return Message(template, params).render(translate)

    parts = [imprisonment_range(penalty.imprisonment_months, life=penalty.life).render(translate)]
    if penalty.level is not None:
        parts.insert(0, say(_("level %(level)s"), level=penalty.level))
    fine = penalty.fine_eur
    if fine is not None:
        if penalty.fine_multiplied_by_victims:
            parts.append(
                say(_("fine EUR %(min)s to %(max)s per victim"), min=fine.min, max=fine.max)
            )
        else:
            parts.append(say(_("fine EUR %(min)s to %(max)s"), min=fine.min, max=fine.max))
    total = penalty.fine_eur_total
    if total is not None:
        parts.append(say(_("in total EUR %(min)s to %(max)s"), min=total.min, max=total.max))
    return "; ".join(parts)


def _result_text(result: JurisdictionResult, translate: Translate, tags: Mapping[str, Tag]) -> str:
    def say(template: str, **params: str | int) -> str:
        return Message(template, params).render(translate)

    citation = result.citation.render(translate) if result.citation else result.provision
    lines = [
        say(
            _("%(jurisdiction)s — %(citation)s (ruleset %(ruleset)s)"),
            jurisdiction=result.jurisdiction,
            citation=citation,
            ruleset=result.ruleset,
        ),
    ]
    if result.role is Role.REFERENCE:
        lines.append(
            say(_("FOR REFERENCE ONLY: this ruleset was not in force for the offence period.")),
        )
    elif result.role is Role.LEX_MITIOR_COMPARISON:
        lines.append(
            say(
                _("In force for part of the period; ruleset %(governing)s governs."),
                governing=result.governing_ruleset or "",
            )
        )
    if result.unverified:
        lines.append(
            say(_("UNVERIFIED: %(items)s."), items=", ".join(result.unverified)),
        )
    lines.extend(
        [
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
    )
    if result.penalty is not None:
        penalty_text = _penalty_text(result.penalty, translate)
        lines.append(say(_("Penalty: %(penalty)s"), penalty=penalty_text))
    if result.lex_mitior_review:
        lines.append(
            say(_("The law changed during the offence period: a lex mitior review is needed."))
        )
    if result.non_punishment_applicable:
        lines.append(say(_("The non-punishment rule for victims may apply.")))
    if result.aggravating:
        lines.append(say(_("Aggravating circumstances:")))
        lines.extend(
            f"  - {a.citation.render(translate) if a.citation else a.provision}: "
            f"{a.reason.render(translate)}"
            for a in result.aggravating
        )
    if result.fallback_offences:
        lines.append(say(_("Other offences to examine:")))
        for fallback in result.fallback_offences:
            penalty = (
                _penalty_text(fallback.penalty, translate)
                if fallback.penalty is not None
                else translate(_("penalty not verified"))
            )
            lines.append(
                f"  - {fallback.citation.render(translate)} ({penalty}): "
                f"{fallback.reason.render(translate)}"
            )
    if result.human_dignity is not None and result.human_dignity.reasons:
        lines.append(say(_("Human-dignity indicators present:")))
        lines.extend(f"  - {m.render(translate)}" for m in result.human_dignity.reasons)
    lines.append(say(_("Explanation:")))
    lines.extend(f"  - {m.render(translate)}" for m in result.explanation)
    sources = ", ".join(f"{s['key']} [{s['tag']}]" for s in _sources(result.sources, tags))
    if sources:
        lines.append(say(_("Sources: %(sources)s"), sources=sources))
    return "\n".join(lines)
