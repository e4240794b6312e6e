"""The pages' forms for identification decisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nrm.identification.models import InformedHow, Outcome


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("The person is told these reasons; they are stored encrypted."),
    )
    on = forms.DateField(label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"}))

    @staticmethod
    def done_message() -> str:
        return str(_("The decision is recorded. Inform the person of it and its reasons."))


class InformForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    on = forms.DateField(label=_("Informed on"), widget=forms.DateInput(attrs={"type": "date"}))
    how = forms.ChoiceField(label=_("How"), choices=InformedHow.choices)


class ReconsiderationRequestForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    on = forms.DateField(label=_("Requested on"), widget=forms.DateInput(attrs={"type": "date"}))
    grounds = forms.CharField(
        label=_("Grounds"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


class ReconsiderForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    outcome = forms.ChoiceField(
        label=_("New decision"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000
    )
    on = forms.DateField(label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"}))

    def action_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["expected_version"] = data.pop("version")
        return data
