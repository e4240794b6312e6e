"""Right-to-left overrides in user text are isolated where a page shows it (issue 11 §5)."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.template import Context, Template
from django.test import Client

from nrm.core.bidi import FSI, PDI, isolate
from nrm.testing import World

RLO, PDF, RLI = "\u202e", "\u202c", "\u2067"
SPOOF = f"Maria{RLO}fdp.exe"


def render(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


def test_a_variable_with_an_override_is_isolated_and_still_escaped() -> None:
    shown = render("<p>{{ name }} was referred</p>", name=f"<b>{SPOOF}</b>")
    assert shown == f"<p>{FSI}&lt;b&gt;{SPOOF}&lt;/b&gt;{PDI} was referred</p>"


def test_blocktranslate_variables_are_isolated_too() -> None:
    shown = render(
        "{% load i18n %}{% blocktranslate %}Referred {{ name }} today{% endblocktranslate %}",
        name=SPOOF,
    )
    assert shown == f"Referred {FSI}{SPOOF}{PDI} today"


def test_text_without_controls_is_unchanged_arabic_included() -> None:
    assert render("{{ name }}", name="مريم Popescu") == "مريم Popescu"
    assert isolate("Maria") == "Maria"


def test_a_stray_terminator_cannot_close_the_isolate_early() -> None:
    # A PDI in the text would otherwise end the wrapper and free the override after it.
    assert isolate(f"a{PDI}{RLO}b") == f"{FSI}a{RLO}b{PDI}"
    # An isolate the text leaves open is closed before the wrapper's own terminator.
    assert isolate(f"a{RLI}b") == f"{FSI}a{RLI}b{PDI}{PDI}"
    # An override's PDF is kept: inside the isolate it can only close the text's own.
    assert isolate(f"{RLO}x{PDF}") == f"{FSI}{RLO}x{PDF}{PDI}"


def test_a_form_field_sends_back_exactly_what_was_stored() -> None:
    class NameForm(forms.Form):
        name = forms.CharField()

    html = str(NameForm(initial={"name": SPOOF})["name"])
    assert f'value="{SPOOF}"' in html


def test_a_persons_name_with_an_override_is_isolated_on_their_page(
    world: World, client_as: Callable[[str], Client]
) -> None:
    person = world.person("caseworker_a", family_name=f"Popescu{RLO}lin")
    page = client_as("caseworker_a").get(f"/people/{person.reference}/").content.decode()
    assert f"{FSI}Popescu{RLO}lin{PDI}" in page
