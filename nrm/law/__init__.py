"""Legal qualification of trafficking facts under BE, DK, FI, Palermo, EU 2011 and EU 2024.

A pure core: no Django. It qualifies facts and suggests indicator readings with
reasons; it never identifies anyone as a victim and never decides an open legal
standard. Sentences are `Message` objects; render them with a translate callable.
"""

from __future__ import annotations

from nrm.law.config import LawConfig
from nrm.law.engine import qualify
from nrm.law.facts import CaseFacts, FactsError, Problem, facts_schema, parse_facts
from nrm.law.i18n import Message
from nrm.law.indicators.dignity import DignityProfile, human_dignity_profile
from nrm.law.indicators.forced_labour import (
    FORCED_LABOUR_INDICATORS,
    ForcedLabourScreening,
    IndicatorError,
    forced_labour_screening,
    htcds_methods_of_control,
)
from nrm.law.indicators.operational import (
    ADULT_LABOUR_INDICATORS,
    OperationalAssessment,
    assess_adult_labour_indicators,
)
from nrm.law.render import qualification_schema, render_text, report_to_json
from nrm.law.report import JurisdictionResult, QualificationReport
from nrm.law.rulesets import JURISDICTIONS

__all__ = [
    "ADULT_LABOUR_INDICATORS",
    "FORCED_LABOUR_INDICATORS",
    "JURISDICTIONS",
    "CaseFacts",
    "DignityProfile",
    "FactsError",
    "ForcedLabourScreening",
    "IndicatorError",
    "JurisdictionResult",
    "LawConfig",
    "Message",
    "OperationalAssessment",
    "Problem",
    "QualificationReport",
    "assess_adult_labour_indicators",
    "facts_schema",
    "forced_labour_screening",
    "htcds_methods_of_control",
    "human_dignity_profile",
    "parse_facts",
    "qualification_schema",
    "qualify",
    "render_text",
    "report_to_json",
]
