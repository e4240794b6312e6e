"""One person picker for every form where a person is chosen (issue 16 §1): a reference
field whose widget, with JavaScript, searches the persons the user may see by name or
reference and fills the reference in; without JavaScript it is a plain reference input.

What the form submits is always the reference: the action that uses it resolves it as it
does today (`nrm.people.queries.person_find_for_actor`); `picked_person` does that for a
view and puts "no such person" on the field instead of answering 404.
How another form adopts it: /tmp/coord/picker-howto.md (and the tests in
nrm/people/tests/test_picker.py).
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.access.context import Actor
from nrm.access.policy import Ability
from nrm.core.errors import NotFound, PermissionDenied
from nrm.people.models import Person
from nrm.people.queries import person_find_for_actor

# P-XXXX-XXXX (nrm/core/references.py); letters and digits are accepted in any case.
REFERENCE_PATTERN = re.compile(r"^P-[A-Z0-9]{4}-[A-Z0-9]{4}$")


class PersonPickerWidget(forms.TextInput):
    """The reference input, plus a search box revealed by people/picker.js and its
    results (filled by htmx from `people:picker`)."""

    template_name = "people/_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {
            "autocomplete": "off",
            "spellcheck": "false",
            "autocapitalize": "characters",
            "placeholder": "P-XXXX-XXXX",
            "size": "14",
        }
        super().__init__(base | (attrs or {}))

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"]["attrs"]["id"] = widget_id
        context["picker"] = {"id": widget_id, "search_url": reverse("people:picker")}
        return context


class PersonPickerField(forms.CharField):
    """A person's reference, typed or picked; normalised to upper case without spaces."""

    widget = PersonPickerWidget
    default_error_messages = {
        "invalid": gettext_lazy(
            "Enter a person's reference such as P-7K3M-Q9XD, or find the person by name."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", gettext_lazy("Person"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "help_text", gettext_lazy("The person's reference; you may find it by name.")
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = str(super().to_python(value))
        return re.sub(r"\s+", "", text).upper()

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not REFERENCE_PATTERN.fullmatch(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


def picked_person(
    actor: Actor, form: forms.BaseForm, name: str, *, ability: Ability = Ability.PERSON_VIEW
) -> Person | None:
    """The person a valid form's picker field names, found as the actions find them; None
    (and an error on the field) when the actor may not see them or not do `ability`.
    Not audited: the action or page that uses the person audits its own read or write."""
    reference = form.cleaned_data.get(name) or ""
    if not reference:
        return None
    try:
        person, _decision = person_find_for_actor(actor, reference, ability=ability)
    except NotFound:
        form.add_error(name, _("No person you may see has this reference."))
        return None
    except PermissionDenied as exc:
        form.add_error(name, exc.message)
        return None
    return person
