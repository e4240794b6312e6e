from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nrm.people.actions import PersonData
from nrm.people.models import Person
from nrm.people.vocab import DocumentType, Gender, country_choices, language_choices


class PersonForm(forms.Form):
    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    other_names = forms.CharField(label=_("Other names or aliases"), max_length=400, required=False)
    birth_date = forms.DateField(
        label=_("Birth date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    document_type = forms.ChoiceField(
        label=_("Identity document"),
        required=False,
        choices=[("", _("None or unknown")), *DocumentType.choices],
    )
    document_number = forms.CharField(label=_("Document number"), max_length=64, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=64, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(
        label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    nationalities = forms.MultipleChoiceField(
        label=_("Nationalities"), required=False, choices=country_choices
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, choices=language_choices
    )
    gender = forms.ChoiceField(
        label=_("Gender"), choices=Gender.choices, initial=Gender.NON_SPECIFIED_UNKNOWN
    )
    age_at_first_contact = forms.IntegerField(
        label=_("Age at first contact"), min_value=0, max_value=120, required=False
    )
    first_contact_on = forms.DateField(
        label=_("First contact"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("document_number") and not data.get("document_type"):
            self.add_error("document_type", _("Say what kind of document the number is from."))
        return data

    def to_data(self, existing_documents: list[dict[str, str]] | None = None) -> PersonData:
        """The form edits the first document only; the others (from the API) are kept."""
        data = self.cleaned_data
        others = list(existing_documents or [])[1:]
        first = dict((existing_documents or [{}])[0]) if existing_documents else {}
        documents: list[dict[str, str]] | None = others or None
        if data.get("document_number"):
            first.update({"type": data["document_type"], "number": data["document_number"]})
            documents = [first, *others]
        return PersonData(
            given_names=data["given_names"],
            family_name=data["family_name"],
            other_names=data["other_names"],
            birth_date=data["birth_date"],
            documents=documents,
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            nationalities=list(data["nationalities"]),
            languages=list(data["languages"]),
            gender=data["gender"],
            age_at_first_contact=data["age_at_first_contact"],
            first_contact_on=data["first_contact_on"],
        )

    @classmethod
    def initial_for(cls, person: Person) -> dict[str, Any]:
        document = (person.documents or [{}])[0]
        return {
            "given_names": person.given_names,
            "family_name": person.family_name,
            "other_names": person.other_names,
            "birth_date": person.birth_date,
            "document_type": document.get("type", ""),
            "document_number": document.get("number", ""),
            "phone": person.phone,
            "email": person.email,
            "address": person.address,
            "nationalities": person.nationalities,
            "languages": person.languages,
            "gender": person.gender,
            "age_at_first_contact": person.age_at_first_contact,
            "first_contact_on": person.first_contact_on,
            "version": person.version,
        }


class PersonFilterForm(forms.Form):
    """The list's filters. Identities are encrypted, so one filters on clear columns only."""

    q = forms.CharField(
        label=_("Name or birth year"),
        max_length=200,
        required=False,
        help_text=_("Part of a name, in any spelling or script; a birth year narrows it down."),
    )
    reference = forms.CharField(label=_("Reference"), max_length=16, required=False)
    nationality = forms.ChoiceField(
        label=_("Nationality"),
        required=False,
        choices=lambda: [("", _("Any")), *country_choices()],
    )
    minor = forms.ChoiceField(
        label=_("Age"),
        required=False,
        choices=[("", _("Any")), ("yes", _("Minors only")), ("no", _("Adults only"))],
    )
