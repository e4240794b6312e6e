from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from nrm.organisations.models import JudicialDistrict, Organisation, OrganisationType, Region, Role
from nrm.people.vocab import COUNTRY_CODES


class UserCreateForm(forms.Form):
    # The account model's own rule: "firstname.lastname" usernames are common in offices.
    username = forms.CharField(
        label=_("Username"), max_length=150, validators=[UnicodeUsernameValidator()]
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.filter(is_active=True)
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class MembershipGrantForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.filter(is_active=True)
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(label=_("Short name"), max_length=40, required=False)
    type = forms.ChoiceField(label=_("Type"), choices=OrganisationType.choices)
    country = forms.CharField(label=_("Country (ISO code)"), max_length=2, initial="BE")
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), required=False
    )
    judicial_district = forms.ModelChoiceField(
        label=_("Judicial district"), queryset=JudicialDistrict.objects.all(), required=False
    )

    def clean_country(self) -> str:
        value = str(self.cleaned_data["country"]).upper()
        if value not in COUNTRY_CODES:
            raise forms.ValidationError(_("Give the two-letter ISO country code."))
        return value

    def clean(self) -> dict[str, Any]:
        return super().clean() or {}
