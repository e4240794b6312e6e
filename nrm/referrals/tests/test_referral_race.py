"""Two referrals of the same person to the same centre at once: one is made, the other is
the conflict answer (409), never an integrity error (issue 11 §5).

Threads need real transactions and a database with row locks: PostgreSQL.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from nrm.core.errors import Conflict
from nrm.people.models import Person
from nrm.referrals.models import Referral
from nrm.referrals.tests.builders import refer
from nrm.testing import World

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks between threads need PostgreSQL"
)


def test_two_colleagues_referring_one_person_at_once_get_one_referral_and_a_409(
    flushable_audit_trail: None, world: World
) -> None:
    person = world.person("inspector")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt(persona: str) -> None:
        try:
            target = Person.objects.get(pk=person.pk)
            barrier.wait()
            refer(world, persona, person=target)
            outcomes.append("referred")
        except Conflict as exc:
            outcomes.append(f"conflict {exc.status}")
        except Exception as exc:  # an integrity error is the failure this test shows
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in ("inspector", "teamlead")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["conflict 409", "referred"]
    assert Referral.objects.filter(person=person).count() == 1
