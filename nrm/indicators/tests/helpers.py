"""Local questions for the tests, made through the real actions by the coordinator."""

from __future__ import annotations

from typing import Any

from nrm.indicators.actions import local_question_create
from nrm.indicators.models import LocalQuestion
from nrm.testing import World

LIMOSA: dict[str, Any] = {
    "code": "BE-LIMOSA",
    "kind": "CHOICE",
    "position": 10,
    "texts": {
        "en": "Was a Limosa declaration found for this worker?",
        "fr": "Une déclaration Limosa a-t-elle été trouvée pour ce travailleur ?",
    },
    "choices": [
        {"code": "FOUND", "texts": {"en": "Yes, found", "fr": "Oui, trouvée"}},
        {"code": "NOT_FOUND", "texts": {"en": "No declaration found"}},
    ],
}
FEE: dict[str, Any] = {
    "code": "BE-RECRUITMENT-FEE",
    "kind": "YES_NO",
    "position": 20,
    "texts": {"en": "Did the worker pay a fee to get this job?"},
}
ROOM: dict[str, Any] = {
    "code": "BE-ROOM-OCCUPANTS",
    "kind": "NUMBER",
    "position": 30,
    "minimum": "0",
    "maximum": "50",
    "texts": {"en": "How many people sleep in the worker's room?"},
}


def a_question(world: World, definition: dict[str, Any] | None = None) -> LocalQuestion:
    return local_question_create(
        actor=world.actor("coordinator"), definition=dict(definition or LIMOSA)
    )
