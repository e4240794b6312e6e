"""Encrypted at rest, the rest of it (issue 11, item 8): the second factor's secret, a
private household's address, the qualification facts about a victim, care providers'
names and case titles are ciphertext in their columns, read back through the real actions,
and the data migrations encrypt the rows written before them."""

from __future__ import annotations

import importlib
from types import SimpleNamespace
from typing import Any

from django.db import connection, models
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from nrm.care.actions import service_record
from nrm.care.models import ServiceDelivery
from nrm.care.tests.setup import cared_person, days_ago
from nrm.core.crypto import decrypt_text, encrypt_column
from nrm.inspections.actions import WorksiteData, worksite_create
from nrm.inspections.models import Worksite
from nrm.inspections.vocab import WorksiteKind
from nrm.organisations.models import Region
from nrm.prosecution import actions as prosecution
from nrm.prosecution.models import CaseFile, QualificationSnapshot
from nrm.prosecution.tests.support import opened_case
from nrm.prosecution.tests.test_qualification import facts
from nrm.testing import World


def raw(model: type[models.Model], column: str, pk: Any) -> str:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote(column)} FROM {quote(model._meta.db_table)} WHERE id = %s",  # noqa: S608
            [pk],
        )
        (value,) = cursor.fetchone()
    return str(value)


def test_the_second_factors_secret_is_ciphertext_and_still_verifies(world: World) -> None:
    device = world.devices["caseworker_a"]
    stored = raw(TOTPDevice, "key", device.pk)
    assert stored.startswith("fernet:")
    assert device.key not in stored
    fresh = TOTPDevice.objects.get(pk=device.pk)
    assert decrypt_text(stored) == fresh.key
    assert len(fresh.bin_key) == 20
    token = TOTP(fresh.bin_key, fresh.step, fresh.t0, fresh.digits, fresh.drift).token()
    assert fresh.verify_token(token)
    # Verifying saves the device (last_t): the secret stays ciphertext and unchanged.
    after = raw(TOTPDevice, "key", device.pk)
    assert after.startswith("fernet:")
    assert decrypt_text(after) == fresh.key


def a_household(world: World) -> Worksite:
    return worksite_create(
        actor=world.actor("inspector"),
        data=WorksiteData(
            name="Domestic worker's employer",
            kind=WorksiteKind.PRIVATE_HOUSEHOLD,
            address="Rue des Fleurs 12",
            region=Region.objects.get(code="BRU"),
            postcode="1000",
            municipality="Brussels",
        ),
    )


def test_a_private_households_address_is_ciphertext(world: World) -> None:
    worksite = a_household(world)
    stored = raw(Worksite, "address", worksite.pk)
    assert stored.startswith("fernet:")
    assert Worksite.objects.get(pk=worksite.pk).address == worksite.address
    assert worksite.address
    assert worksite.address not in stored


def test_a_case_title_and_the_qualification_facts_are_ciphertext(world: World) -> None:
    case = opened_case(world)
    stored_title = raw(CaseFile, "title", case.pk)
    assert stored_title.startswith("fernet:")
    assert "Brussels-South" not in stored_title
    assert CaseFile.objects.get(pk=case.pk).title == case.title
    snapshot = prosecution.qualification_snapshot_take(
        actor=world.actor("prosecutor"), case=case, facts=facts()
    )
    for column in ("facts", "result"):
        assert raw(QualificationSnapshot, column, snapshot.pk).startswith("fernet:")
    again = QualificationSnapshot.objects.get(pk=snapshot.pk)
    assert again.facts == facts()
    assert again.result == snapshot.result


def test_a_care_providers_name_is_ciphertext(world: World) -> None:
    service = service_record(
        actor=world.actor("caseworker_a"),
        person=cared_person(world),
        service_type="Lawyer",
        delivered_on=days_ago(1),
        provider="Maître Dubois-Lefèvre",
    )
    stored = raw(ServiceDelivery, "provider", service.pk)
    assert stored.startswith("fernet:")
    assert "Dubois" not in stored
    assert ServiceDelivery.objects.get(pk=service.pk).provider == "Maître Dubois-Lefèvre"


def test_the_data_migrations_encrypt_rows_written_before_them(world: World) -> None:
    """Plaintext as the columns held it before the migrations; each migration's step
    encrypts it, leaves ciphertext alone, and its reverse gives the plaintext back."""
    worksite = a_household(world)
    device = world.devices["inspector"]
    quote = connection.ops.quote_name
    rows = [
        (Worksite, "address", worksite.pk, "Rue des Fleurs 12, 1000 Brussels"),
        (TOTPDevice, "key", device.pk, device.key),
    ]
    with connection.cursor() as cursor:
        for model, column, pk, plaintext in rows:
            cursor.execute(
                f"UPDATE {quote(model._meta.db_table)} SET {quote(column)} = %s WHERE id = %s",  # noqa: S608
                [plaintext, pk],
            )
    editor = SimpleNamespace(connection=connection, execute=_execute)
    for module in (
        "nrm.inspections.migrations.0002_encrypted_at_rest",
        "nrm.accounts.migrations.0005_totp_key_encrypted",
    ):
        importlib.import_module(module).encrypt(None, editor)
    for model, column, pk, plaintext in rows:
        stored = raw(model, column, pk)
        assert stored.startswith("fernet:")
        assert decrypt_text(stored) == plaintext
    # Ciphertext is not encrypted twice.
    assert encrypt_column(connection, Worksite._meta.db_table, "address") == 0
    importlib.import_module("nrm.inspections.migrations.0002_encrypted_at_rest").decrypt(
        None, editor
    )
    assert raw(Worksite, "address", worksite.pk) == "Rue des Fleurs 12, 1000 Brussels"


def _execute(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)
