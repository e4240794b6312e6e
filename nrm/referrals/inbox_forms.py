"""The referral inbox's filters and sort, checked like any input: a value outside the lists
is a 400 with the field's message, and the page lists nothing rather than guess."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nrm.referrals.queries import SORT_KEYS, Box, State


class InboxFilterForm(forms.Form):
    box = forms.ChoiceField(
        label=_("Referrals"),
        required=False,
        choices=[
            (Box.RECEIVED, _("Received by my organisation")),
            (Box.SENT, _("Made by my organisation")),
        ],
    )
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (State.PENDING, _("Awaiting a decision")),
            (State.OVERDUE, _("Overdue")),
            (State.DECIDED, _("Decided")),
            (State.ALL, _("All")),
        ],
    )
    # Set by the column headings' links, never typed: no widget on the page.
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("", "")] + [(key, key) for key in SORT_KEYS],
        error_messages={"invalid_choice": _("The list cannot be sorted that way.")},
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("A page is a whole number."),
            "min_value": _("A page is a whole number."),
        },
    )
