"""The facts form: what a practitioner knows, turned into the contract's facts document."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nrm import law
from nrm.qualification.labels import (
    ACTS,
    AGGRAVATING_FACTS,
    JURISDICTION_NAMES,
    MEANS,
    PURPOSES,
    VULNERABILITIES,
)

TRISTATE = [("", _("Not known")), ("yes", _("Yes")), ("no", _("No"))]


def _choices(labels: dict[str, Any]) -> list[tuple[str, Any]]:
    return list(labels.items())


def _tristate(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class FactsForm(forms.Form):
    start = forms.DateField(
        label=_("Offence period: start"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Offence period: end"),
        required=False,
        help_text=_("Leave empty when the acts are still going on or the end is not known."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    age_at_acts = forms.IntegerField(
        label=_("Victim's age at the time of the acts"), required=False, min_value=0, max_value=120
    )
    vulnerabilities = forms.MultipleChoiceField(
        label=_("Vulnerabilities"),
        required=False,
        choices=_choices(VULNERABILITIES),
        widget=forms.CheckboxSelectMultiple,
    )
    vulnerabilities_unknown = forms.BooleanField(
        label=_("Vulnerabilities not known yet"), required=False
    )
    consent = forms.ChoiceField(
        label=_("Did the victim consent to the exploitation?"), choices=TRISTATE, required=False
    )
    against_will = forms.ChoiceField(
        label=_("Were crimes committed against the victim's will?"),
        choices=TRISTATE,
        required=False,
    )
    acts = forms.MultipleChoiceField(
        label=_("Acts"), required=False, choices=_choices(ACTS), widget=forms.CheckboxSelectMultiple
    )
    acts_unknown = forms.BooleanField(label=_("Acts not known yet"), required=False)
    means = forms.MultipleChoiceField(
        label=_("Means"),
        required=False,
        choices=_choices(MEANS),
        widget=forms.CheckboxSelectMultiple,
    )
    means_unknown = forms.BooleanField(label=_("Means not known yet"), required=False)
    purposes = forms.MultipleChoiceField(
        label=_("Purposes of exploitation"),
        required=False,
        choices=_choices(PURPOSES),
        widget=forms.CheckboxSelectMultiple,
    )
    purposes_unknown = forms.BooleanField(label=_("Purposes not known yet"), required=False)
    hourly_wage_eur = forms.DecimalField(
        label=_("Hourly wage paid (EUR)"), required=False, min_value=0, decimal_places=2
    )
    legal_minimum_hourly_wage_eur = forms.DecimalField(
        label=_("Legal minimum hourly wage (EUR)"), required=False, min_value=0, decimal_places=2
    )
    # To the tenth, as the screening records them (a prefilled 62.5 is kept as it is).
    weekly_hours = forms.DecimalField(
        label=_("Hours worked per week"),
        required=False,
        min_value=0,
        max_value=168,
        max_digits=4,
        decimal_places=1,
    )
    rest_days_per_week = forms.IntegerField(
        label=_("Rest days per week"), required=False, min_value=0, max_value=7
    )
    housing_provided_by_employer = forms.ChoiceField(
        label=_("Housing provided by the employer"), choices=TRISTATE, required=False
    )
    housing_degrading = forms.ChoiceField(
        label=_("Degrading housing"), choices=TRISTATE, required=False
    )
    unsafe_workplace = forms.ChoiceField(
        label=_("Unsafe or unhealthy workplace"), choices=TRISTATE, required=False
    )
    undeclared_work = forms.ChoiceField(
        label=_("Undeclared work"), choices=TRISTATE, required=False
    )
    documents_withheld = forms.ChoiceField(
        label=_("Identity documents withheld"), choices=TRISTATE, required=False
    )
    wage_deductions = forms.ChoiceField(
        label=_("Wage deductions"), choices=TRISTATE, required=False
    )
    dependency_on_employer = forms.ChoiceField(
        label=_("Dependency on the employer"), choices=TRISTATE, required=False
    )
    humiliating_treatment = forms.ChoiceField(
        label=_("Humiliating treatment"), choices=TRISTATE, required=False
    )
    aggravating_facts = forms.MultipleChoiceField(
        label=_("Aggravating facts"),
        required=False,
        choices=_choices(AGGRAVATING_FACTS),
        widget=forms.CheckboxSelectMultiple,
    )
    number_of_victims = forms.IntegerField(label=_("Number of victims"), min_value=1, initial=1)
    attempt_only = forms.BooleanField(label=_("Attempt only"), required=False)
    jurisdictions = forms.MultipleChoiceField(
        label=_("Compare under"),
        choices=_choices(JURISDICTION_NAMES),
        initial=list(JURISDICTION_NAMES),
        widget=forms.CheckboxSelectMultiple,
    )

    LABOUR_NUMBERS = (
        "hourly_wage_eur",
        "legal_minimum_hourly_wage_eur",
        "weekly_hours",
        "rest_days_per_week",
    )
    LABOUR_FLAGS = (
        "housing_provided_by_employer",
        "housing_degrading",
        "unsafe_workplace",
        "undeclared_work",
        "documents_withheld",
        "wage_deductions",
        "dependency_on_employer",
        "humiliating_treatment",
    )

    def _list(self, name: str) -> list[str] | None:
        # Absent means not known; an empty list means established that there is none.
        if self.cleaned_data.get(f"{name}_unknown"):
            return None
        return list(self.cleaned_data.get(name) or [])

    def facts_document(self) -> dict[str, Any]:
        data = self.cleaned_data
        labour: dict[str, Any] = {}
        for name in self.LABOUR_NUMBERS:
            value = data.get(name)
            labour[name] = float(value) if value is not None else None
        for name in self.LABOUR_FLAGS:
            labour[name] = _tristate(data.get(name, ""))
        has_labour = any(v is not None for v in labour.values())
        document: dict[str, Any] = {
            "offence_period": {
                "start": data["start"].isoformat(),
                "end": data["end"].isoformat() if data.get("end") else None,
            },
            "victim": {
                "age_at_acts": data.get("age_at_acts"),
                "vulnerabilities": self._list("vulnerabilities"),
                "consent_to_exploitation": _tristate(data.get("consent", "")),
                "acted_against_will_for_crimes": _tristate(data.get("against_will", "")),
            },
            "acts": self._list("acts"),
            "means": self._list("means"),
            "purposes": self._list("purposes"),
            "aggravating_facts": list(data.get("aggravating_facts") or []),
            "number_of_victims": data["number_of_victims"],
            "attempt_only": bool(data.get("attempt_only")),
        }
        if has_labour:
            document["labour_conditions"] = labour
        return document


# Where the engine names a path, the form field that holds it.
FIELD_FOR_PATH = {
    "offence_period.start": "start",
    "offence_period.end": "end",
    "victim.age_at_acts": "age_at_acts",
    "number_of_victims": "number_of_victims",
}


def field_for(path: str) -> str | None:
    if path in FIELD_FOR_PATH:
        return FIELD_FOR_PATH[path]
    head = path.split("[")[0].split(".")[-1]
    return head if head in FactsForm.base_fields else None


__all__ = ["FactsForm", "field_for", "law"]
