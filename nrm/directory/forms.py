from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.directory.actions import ProviderData
from nrm.directory.models import Eligibility, Provider, ServiceKind
from nrm.organisations.models import Region
from nrm.people.vocab import language_choices


def _regions() -> Any:
    from nrm.coordination.queries import installation_country

    return Region.objects.filter(country=installation_country()).order_by("name")


class ProviderFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Service"), required=False, choices=[("", _("Any")), *ServiceKind.choices]
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=lambda: [("", _("Any")), *language_choices()]
    )
    eligibility = forms.ChoiceField(
        label=_("Takes"), required=False, choices=[("", _("Anyone")), *Eligibility.choices]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [  # type: ignore[attr-defined]
            ("", _("Any")),
            *((r.code, r.name) for r in _regions()),
        ]


class ProviderForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Service"), choices=ServiceKind.choices)
    description = forms.CharField(
        label=_("What they offer"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions served"), queryset=Region.objects.none()
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), required=False, choices=language_choices
    )
    eligibility = forms.MultipleChoiceField(
        label=_("Who they take"),
        required=False,
        choices=Eligibility.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    capacity = forms.IntegerField(
        label=_("Free places"),
        required=False,
        min_value=0,
        max_value=100_000,
        help_text=_("A count only; leave empty when the provider does not say."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=64, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    vetted_on = forms.DateField(
        label=_("Vetted on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, provider: Provider | None = None, **kwargs: Any) -> None:
        if provider is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "version": provider.version,
                "name": provider.name,
                "kind": provider.kind,
                "description": provider.description,
                "regions": list(provider.regions.all()),
                "languages": provider.languages,
                "eligibility": provider.eligibility,
                "capacity": provider.capacity,
                "phone": provider.phone,
                "email": provider.email,
                "address": provider.address,
                "website": provider.website,
            }
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = _regions()  # type: ignore[attr-defined]
        if provider is not None:
            # The vetting date moves by its own step (`vet`), not by an edit.
            del self.fields["vetted_on"]

    def data_object(self) -> ProviderData:
        d = self.cleaned_data
        return ProviderData(
            name=d["name"],
            kind=d["kind"],
            description=d["description"],
            regions=list(d["regions"]),
            languages=list(d["languages"]),
            eligibility=list(d["eligibility"]),
            capacity=d["capacity"],
            phone=d["phone"],
            email=d["email"],
            address=d["address"],
            website=d["website"],
        )


class VetForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(
        label=_("Vetted on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class SuspendForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=500)
