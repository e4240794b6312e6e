from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.consent.actions import ConsentAnswer, SafeContactData
from nrm.consent.models import ConsentBasis, ConsentPurpose, ContactChannel, UnsafeKind
from nrm.people.vocab import language_choices


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    given = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("yes", _("Agrees")), ("no", _("Refuses"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    basis = forms.ChoiceField(label=_("Basis"), choices=ConsentBasis.choices, initial="PERSON")
    on = forms.DateField(
        label=_("Date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(label=_("Asked in"), choices=language_choices)
    interpreter = forms.BooleanField(label=_("With an interpreter"), required=False)
    guardian_informed = forms.BooleanField(label=_("Guardian informed"), required=False)
    channels = forms.MultipleChoiceField(
        label=_("Channels the person accepts (contact only)"),
        required=False,
        choices=ContactChannel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def answer(self) -> ConsentAnswer:
        return ConsentAnswer(**self.cleaned_data)


class SafeContactForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, initial=0)
    how = forms.CharField(
        label=_("How to reach the person"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    when = forms.CharField(label=_("When"), required=False, max_length=2000)
    where = forms.CharField(label=_("Where"), required=False, max_length=2000)


class NeverUseForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Never use"), required=False, choices=[("", "—"), *UnsafeKind.choices]
    )
    value = forms.CharField(label=_("Value"), required=False, max_length=300)
    reason = forms.CharField(label=_("Why"), required=False, max_length=300)


NeverUseFormSet = forms.formset_factory(NeverUseForm, extra=2, max_num=20)


def safe_contact_data(form: SafeContactForm, rows: Any) -> SafeContactData:
    return SafeContactData(
        how=form.cleaned_data["how"],
        when=form.cleaned_data["when"],
        where=form.cleaned_data["where"],
        never_use=[
            {"kind": r["kind"], "value": r["value"], "reason": r["reason"]}
            for r in rows.cleaned_data
            if r and (r.get("kind") or r.get("value"))
        ],
    )
