"""The demo's local screening questions (Belgium): what an installation adds of its own.

Checked against the legal frameworks first: the worker's identity documents are already a
legal indicator (ILO forced-labour indicator 7, "Retention of identity documents", and the
Belgian human-dignity indicator DOCUMENTS_WITHHELD), so no local question repeats it. The
three below are not in the ILO, ILO-EC or human-dignity lists:

* BE-LIMOSA: the Limosa declaration, Belgium's compulsory prior declaration of workers
  posted to Belgium (a check the social inspection makes on site);
* BE-RECRUITMENT-FEE: a fee or deposit paid to get the job (the ILO General principles
  for fair recruitment say no fee is charged to workers; not one of the indicators here);
* BE-ROOM-OCCUPANTS: how many people sleep in the worker's room (a figure; "degrading
  housing" stays the legal indicator the inspector ticks).

Danish texts are left out on purpose: the page and the form show the installation's
language for them, marked as such.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from nrm.access.context import Actor
from nrm.indicators.actions import (
    LoadItem,
    LocalAnswerData,
    local_answers_record,
    local_questions_load,
)
from nrm.indicators.models import LocalQuestion
from nrm.inspections.models import Screening

QUESTIONS: list[dict[str, Any]] = [
    {
        "code": "BE-LIMOSA",
        "kind": "CHOICE",
        "position": 10,
        "texts": {
            "en": "Was a Limosa declaration found for this worker?",
            "fr": "Une déclaration Limosa a-t-elle été trouvée pour ce travailleur ?",
            "nl": "Werd er een Limosa-melding gevonden voor deze werknemer?",
            "de": "Wurde für diesen Arbeitnehmer eine Limosa-Meldung gefunden?",
        },
        "help": {
            "en": "Compulsory prior declaration of workers posted to Belgium.",
            "fr": "Déclaration préalable obligatoire des travailleurs détachés en Belgique.",
            "nl": "Verplichte voorafgaande melding van naar België gedetacheerde werknemers.",
        },
        "choices": [
            {
                "code": "FOUND",
                "texts": {
                    "en": "Yes, found",
                    "fr": "Oui, trouvée",
                    "nl": "Ja, gevonden",
                    "de": "Ja, gefunden",
                },
            },
            {
                "code": "NOT_FOUND",
                "texts": {
                    "en": "No declaration found",
                    "fr": "Aucune déclaration trouvée",
                    "nl": "Geen melding gevonden",
                    "de": "Keine Meldung gefunden",
                },
            },
            {
                "code": "NOT_POSTED",
                "texts": {
                    "en": "Not a posted worker",
                    "fr": "Pas un travailleur détaché",
                    "nl": "Geen gedetacheerde werknemer",
                    "de": "Kein entsandter Arbeitnehmer",
                },
            },
            {
                "code": "NOT_CHECKED",
                "texts": {
                    "en": "Could not be checked",
                    "fr": "Pas pu être vérifié",
                    "nl": "Kon niet worden nagegaan",
                    "de": "Konnte nicht geprüft werden",
                },
            },
        ],
    },
    {
        "code": "BE-RECRUITMENT-FEE",
        "kind": "YES_NO",
        "position": 20,
        "texts": {
            "en": "Did the worker pay a fee or a deposit to get this job?",
            "fr": "Le travailleur a-t-il payé des frais ou une caution pour obtenir ce travail ?",
            "nl": "Heeft de werknemer kosten of een waarborg betaald om dit werk te krijgen?",
            "de": "Hat der Arbeitnehmer eine Gebühr oder Kaution für diese Arbeit gezahlt?",
        },
    },
    {
        "code": "BE-ROOM-OCCUPANTS",
        "kind": "NUMBER",
        "position": 30,
        "minimum": "0",
        "maximum": "50",
        "texts": {
            "en": "How many people sleep in the worker's room?",
            "fr": "Combien de personnes dorment dans la chambre du travailleur ?",
            "nl": "Hoeveel personen slapen er in de kamer van de werknemer?",
        },
    },
]

# Answers given at the demo's screenings, one set per screening in turn.
ANSWERS: list[Mapping[str, str]] = [
    {"BE-LIMOSA": "NOT_FOUND", "BE-RECRUITMENT-FEE": "yes", "BE-ROOM-OCCUPANTS": "6"},
    {"BE-LIMOSA": "NOT_POSTED", "BE-RECRUITMENT-FEE": "no"},
]


def build_demo(
    actors: Mapping[str, Actor], *, screenings: Sequence[Screening] = ()
) -> list[LocalQuestion]:
    """The three local questions, written by the demo's coordinator (again: unchanged), and
    answers at the first screenings given, by the screening's own inspector.

    Call it after the inspections' demo with a few of its screenings (the inspector of each
    screening's team must be in `actors` under "inspector")."""
    report = local_questions_load(
        actor=actors["coordinator"],
        items=[LoadItem(raw=raw, line=index + 1) for index, raw in enumerate(QUESTIONS)],
    )
    if not report.ok:  # the questions above are checked by the tests: never expected
        raise ValueError("; ".join(f"{e.field}: {e.message}" for e in report.errors))
    inspector = actors["inspector"]
    for screening, answers in zip(screenings, ANSWERS, strict=False):
        if (
            screening.organisation_id != inspector.organisation_id
            or screening.local_answers.exists()
        ):
            continue
        local_answers_record(
            actor=inspector,
            screening=screening,
            answers=[LocalAnswerData(code, value) for code, value in answers.items()],
        )
    return list(LocalQuestion.objects.filter(code__in=[q["code"] for q in QUESTIONS]))
