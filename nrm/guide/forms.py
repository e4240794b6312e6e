from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nrm.guide.content import KEYS, LIST_KEYS
from nrm.guide.models import GuideStatus

LABELS = {
    "title": _("Title"),
    "intro": _("Introduction"),
    "rights_heading": _("Heading: rights"),
    "rights": _("Rights (one a line)"),
    "signs_heading": _("Heading: signs"),
    "signs": _("Signs of exploitation (one a line)"),
    "reflection_heading": _("Heading: reflection period"),
    "reflection": _("Reflection period"),
    "help_heading": _("Heading: who can help"),
    "help": _("Who can help"),
    "hotline": _("Hotline"),
}


class GuideTextForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=GuideStatus.choices)
    change_note = forms.CharField(label=_("What changed and why"), max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in KEYS:
            rows = 4 if key in LIST_KEYS or key in {"intro", "reflection", "help"} else 1
            self.fields[key] = forms.CharField(
                label=LABELS[key],
                required=False,
                widget=forms.Textarea(attrs={"rows": rows}),
            )
