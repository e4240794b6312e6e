from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.aftercare.models import ContactChannel, ContactOutcome, ExitPathway


class ExitPlanForm(forms.Form):
    pathway = forms.ChoiceField(label=_("Where the person is going"), choices=ExitPathway.choices)
    support_ended_on = forms.DateField(
        label=_("Support ended on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    summary = forms.CharField(
        label=_("What was agreed"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Contacts, services, risks to watch. Encrypted; only your centre reads it."),
    )
    follow_up_agreed = forms.BooleanField(
        label=_("The person agrees to follow-up contacts"), required=False, initial=True
    )


class ContactForm(forms.Form):
    contact = forms.IntegerField(widget=forms.HiddenInput)
    done_on = forms.DateField(
        label=_("Contact on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    channel = forms.ChoiceField(label=_("How"), choices=ContactChannel.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ContactOutcome.choices)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FlagReviewForm(forms.Form):
    flag = forms.IntegerField(widget=forms.HiddenInput)
    confirmed = forms.TypedChoiceField(
        label=_("Was the person trafficked again?"),
        choices=[("yes", _("Yes, exploited again")), ("no", _("No, met for another reason"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
