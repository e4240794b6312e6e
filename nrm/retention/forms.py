from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nrm.retention.actions import REASON_LIMIT
from nrm.retention.models import FlagStatus


class HoldForm(forms.Form):
    person = forms.CharField(label=_("Person reference"), max_length=16)
    reason = forms.CharField(
        label=_("Reasons for the hold"),
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ExportForm(forms.Form):
    person = forms.CharField(label=_("Person reference"), max_length=16)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("html", _("Readable page")), ("json", _("JSON file"))],
        initial="html",
    )


class FlagFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *FlagStatus.choices],
        required=False,
    )


class ErasureForm(forms.Form):
    person = forms.CharField(label=_("Person reference"), max_length=16)
