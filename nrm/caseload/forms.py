"""The caseload page's forms: the choices come from the director's organisation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from nrm.accounts.models import User
from nrm.caseload.actions import CHOSEN_REASONS, NOTE_MAX
from nrm.caseload.models import AssignmentReason


class _UserChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        user: User = obj
        return user.display_name


REASON_CHOICES = [(r.value, r.label) for r in AssignmentReason if r in CHOSEN_REASONS]


class ReassignForm(forms.Form):
    from_user = _UserChoice(label=_("Hand over from"), queryset=User.objects.none())
    to_user = _UserChoice(label=_("To"), queryset=User.objects.none())
    persons = forms.CharField(
        label=_("Only these persons"),
        required=False,
        max_length=4000,
        help_text=_(
            "References separated by spaces or commas; empty: all their persons and tasks."
        ),
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=REASON_CHOICES)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args: Any, sources: QuerySet[User], candidates: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from_user"].queryset = sources  # type: ignore[attr-defined]
        self.fields["to_user"].queryset = candidates  # type: ignore[attr-defined]

    def references(self) -> list[str] | None:
        text = self.cleaned_data["persons"].replace(",", " ")
        chosen = [word for word in text.split() if word]
        return chosen or None


class AssignForm(forms.Form):
    person = forms.CharField(widget=forms.HiddenInput, max_length=16)
    to_user = _UserChoice(label=_("Key worker"), queryset=User.objects.none())
    reason = forms.ChoiceField(
        label=_("Reason"), choices=REASON_CHOICES, initial=AssignmentReason.ASSIGNED
    )

    def __init__(self, *args: Any, candidates: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = candidates  # type: ignore[attr-defined]


class AbsenceForm(forms.Form):
    user = _UserChoice(label=_("Who"), queryset=User.objects.none())
    starts_on = forms.DateField(
        label=_("Away from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("Away until"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, members: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = members  # type: ignore[attr-defined]
