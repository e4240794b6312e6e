"""The services directory of the demo: providers in each Belgian region, all invented.

Names, numbers and addresses are fictitious (reserved `.invalid` e-mail domain, numbers in
the demo range); they show what a vetted directory looks like, not real organisations.
A few vettings fall due soon, so that the coordinator's inbox and the worker's yearly
reminder have something to show.
"""

from __future__ import annotations

from datetime import date, timedelta

from nrm.access.context import Actor
from nrm.directory.actions import ProviderData, provider_create
from nrm.directory.models import Eligibility as E
from nrm.directory.models import ServiceKind as K
from nrm.organisations.models import Region

# (name, service, regions, languages, who they take, free places, description, days since vetting)
PROVIDERS: dict[
    str, list[tuple[str, str, list[str], list[str], list[str], int | None, str, int]]
] = {
    "BE": [
        (
            "Bureau d'aide juridique de Bruxelles (demo)",
            K.LEGAL_AID,
            ["BRU"],
            ["fr", "nl", "en"],
            [E.ADULTS, E.WITHOUT_RESIDENCE],
            None,
            "First-line and second-line legal aid; pro deo lawyers assigned within a week.",
            120,
        ),
        (
            "Cabinet Janssens & Dubois, droit des étrangers (demo)",
            K.LAWYER,
            ["BRU", "WAL"],
            ["fr", "en", "ro"],
            [E.ADULTS, E.MINORS, E.WITHOUT_RESIDENCE],
            3,
            "Lawyers specialised in trafficking cases: civil party, residence procedures.",
            350,
        ),
        (
            "Advocatenkantoor Peeters (demo)",
            K.LAWYER,
            ["VLG"],
            ["nl", "en", "pl"],
            [E.ADULTS, E.WITHOUT_RESIDENCE],
            2,
            "Victims' counsel in labour-exploitation cases before the Antwerp courts.",
            200,
        ),
        (
            "Wijkgezondheidscentrum De Haven (demo)",
            K.MEDICAL,
            ["VLG"],
            ["nl", "en", "ar"],
            [E.ADULTS, E.FAMILIES, E.WITHOUT_RESIDENCE],
            12,
            "General practice and urgent medical aid for persons without insurance.",
            90,
        ),
        (
            "Maison médicale du Midi (demo)",
            K.MEDICAL,
            ["BRU"],
            ["fr", "nl", "ar", "es"],
            [E.ADULTS, E.MINORS, E.FAMILIES, E.WITHOUT_RESIDENCE],
            8,
            "General practice, nursing and referrals to hospitals.",
            340,
        ),
        (
            "Centre de santé mentale Exil-Aide (demo)",
            K.PSYCHOLOGICAL,
            ["BRU", "WAL"],
            ["fr", "en", "ar", "fa"],
            [E.ADULTS, E.MINORS],
            4,
            "Trauma therapy for survivors of violence and exploitation, with interpreters.",
            60,
        ),
        (
            "Traumateam Vlaanderen (demo)",
            K.PSYCHOLOGICAL,
            ["VLG"],
            ["nl", "en", "ru"],
            [E.ADULTS, E.MINORS, E.FAMILIES],
            0,
            "Psychological support for migrants and refugees; waiting list.",
            300,
        ),
        (
            "Tolk- en vertaaldienst Brussel (demo)",
            K.INTERPRETING,
            ["BRU", "VLG", "WAL"],
            ["ro", "bg", "ar", "vi", "zh", "ti", "ps"],
            [E.ADULTS, E.MINORS],
            None,
            "Social interpreting on site, by phone or video; sworn translations.",
            180,
        ),
        (
            "Logement solidaire Liège (demo)",
            K.HOUSING,
            ["WAL"],
            ["fr", "en"],
            [E.ADULTS, E.WOMEN, E.FAMILIES],
            2,
            "Transit flats for persons leaving a specialised shelter.",
            30,
        ),
        (
            "Woonbegeleiding Antwerpen (demo)",
            K.HOUSING,
            ["VLG"],
            ["nl", "en"],
            [E.ADULTS, E.MEN],
            1,
            "Supported housing and help with the first rent and deposit.",
            250,
        ),
        (
            "Formation et emploi Charleroi (demo)",
            K.TRAINING_WORK,
            ["WAL"],
            ["fr", "ro", "pt"],
            [E.ADULTS],
            6,
            "Language courses, vocational training and job placement.",
            100,
        ),
        (
            "Werkwinkel Gent (demo)",
            K.TRAINING_WORK,
            ["VLG"],
            ["nl", "en", "bg"],
            [E.ADULTS, E.WOMEN, E.MEN],
            10,
            "Dutch courses linked to training and recognised work experience.",
            320,
        ),
    ],
}


def build_directory(actors: dict[str, Actor], today: date) -> None:
    coordinator = actors["coordinator"]
    assert coordinator.organisation is not None
    regions = {region.code: region for region in Region.objects.all()}
    for name, kind, codes, languages, eligibility, capacity, text, days in PROVIDERS.get(
        coordinator.organisation.country, []
    ):
        served = [regions[code] for code in codes if code in regions]
        if not served:
            continue
        slug = name.split(" (")[0].lower().replace(" ", "-").replace("'", "")[:30]
        provider_create(
            actor=coordinator,
            data=ProviderData(
                name=name,
                kind=kind,
                regions=served,
                description=text,
                languages=languages,
                eligibility=[str(e) for e in eligibility],
                capacity=capacity,
                phone="+32 2 555 01 " + str(10 + len(name) % 80),
                email=f"contact@{slug}.invalid",
            ),
            vetted_on=today - timedelta(days=days),
        )
