"""The guide during a screening: the inspector opens it on the phone in the worker's
language from the screening form, and the language handed out is recorded on the screening
(its existing "Leaflet handed out in" field)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from nrm.guide.languages import BY_CODE, LANGUAGES, guide_for_recorded, recorded_code
from nrm.inspections.models import Screening
from nrm.inspections.tests.helpers import TODAY, a_screening, an_inspection, carried_out
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def test_the_screening_form_opens_the_guide_in_every_language(
    world: World, client_as: ClientAs
) -> None:
    inspection = carried_out(world, an_inspection(world))
    html = client_as("inspector").get(f"/inspections/{inspection.reference}/screen/").content
    page = html.decode()
    for language in LANGUAGES:
        assert f'href="/guide/{language.code}/"' in page
    assert (
        'href="/guide/ar/" target="_blank" rel="noopener" hreflang="ar" lang="ar" dir="rtl" '
        'data-leaflet-code="ar">العربية</a>' in page
    )
    assert 'data-leaflet-code="tl">Tagalog</a>' in page
    assert "/static/guide/screening.js" in page
    assert "<script>" not in page  # no inline script: the CSP forbids it


def test_the_language_shown_is_recorded_and_the_screening_links_back_to_it(
    world: World, client_as: ClientAs
) -> None:
    inspection = carried_out(world, an_inspection(world))
    client = client_as("inspector")
    response = client.post(
        f"/inspections/{inspection.reference}/screen/",
        {
            "person_mode": "new",
            "given_names": "Rahim",
            "gender": "Masculine",
            "nationality": "BD",
            "language": "bn",
            "screened_on": TODAY.isoformat(),
            "dignity": ["DEGRADING_HOUSING"],
            "leaflet_language": "bn",
            "consent": "CONSENTED",
        },
    )
    assert response.status_code == 302
    assert Screening.objects.get().leaflet_language == "bn"
    page = client.get(response["Location"]).content.decode()
    assert 'href="/guide/bn/"' in page


def test_a_screening_with_no_leaflet_has_no_guide_link(world: World, client_as: ClientAs) -> None:
    inspection = carried_out(world, an_inspection(world))
    screening = a_screening(world, inspection)
    Screening.objects.filter(pk=screening.pk).update(leaflet_language="")
    page = client_as("inspector").get(f"/inspections/screenings/{screening.reference}/")
    assert page.status_code == 200
    assert "/guide/" not in page.content.decode().split("<main", 1)[-1]


def test_recorded_codes_are_iso_639_1_and_lead_back_to_a_guide() -> None:
    # The screening keeps ISO 639-1 codes only: Dari goes in as Persian, Chinese as zh.
    assert recorded_code(BY_CODE["fa-AF"]) == "fa"
    assert recorded_code(BY_CODE["zh-Hans"]) == "zh"
    assert guide_for_recorded("zh") == BY_CODE["zh-Hans"]
    assert guide_for_recorded("ro") == BY_CODE["ro"]
    assert guide_for_recorded("hu") is None  # offered on the form, no guide yet
    for language in LANGUAGES:
        assert len(recorded_code(language)) == 2
