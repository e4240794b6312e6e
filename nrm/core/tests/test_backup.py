"""Backups and restore (issue 11, item 11): the test world with an uploaded photo and a
checkpoint is backed up, the database, the media folder and the checkpoint file are
emptied, and the restore brings back every row of every table and every file byte for byte,
with an audit trail that verifies against its checkpoints."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.db import connection, models
from PIL import Image
from pytest_django.fixtures import SettingsWrapper

from nrm.access.guard import guard_lifted
from nrm.access.models import AuditEvent
from nrm.core import backup
from nrm.core.backup import BackupError
from nrm.core.env import ConfigurationError
from nrm.inspections.actions import evidence_add
from nrm.inspections.tests.helpers import an_inspection, carried_out
from nrm.people.models import Person
from nrm.testing import World

KEY = Fernet.generate_key().decode()


@pytest.fixture
def installation(
    tmp_path: Path, settings: SettingsWrapper, monkeypatch: pytest.MonkeyPatch
) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NRM_AUDIT_CHECKPOINT_FILE = str(tmp_path / "audit" / "checkpoints.jsonl")
    monkeypatch.setenv("NRM_BACKUP_KEY", KEY)
    return tmp_path


def every_table() -> dict[str, list[dict[str, Any]]]:
    """Each model's rows as Django serialises them (decrypted values, m2m included)."""
    return {
        model._meta.label: serializers.serialize("python", model._base_manager.order_by("pk"))
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def every_file(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def empty_the_installation(installation: Path, settings: SettingsWrapper) -> None:
    """What a new installation is after `nrm migrate`: the content types and permissions
    only, no uploaded files, no checkpoints."""
    with guard_lifted(), connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy and model not in backup._DERIVED:
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608
    settings.MEDIA_ROOT = installation / "new-media"
    settings.NRM_AUDIT_CHECKPOINT_FILE = str(installation / "new-audit" / "checkpoints.jsonl")
    ContentType.objects.clear_cache()


def a_photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), "blue").save(out, format="JPEG")
    return out.getvalue()


def test_a_backup_restores_every_row_and_file_and_the_audit_trail_verifies(
    world: World, installation: Path, settings: SettingsWrapper
) -> None:
    world.person("caseworker_a", family_name="Quellenberghe")
    inspection = carried_out(world, an_inspection(world))
    evidence_add(
        actor=world.actor("inspector"),
        inspection=inspection,
        kind="PHOTO_HOUSING",
        upload=io.BytesIO(a_photo()),
        size=None,
        name="container.jpg",
    )
    call_command("audit", "checkpoint", stdout=io.StringIO())
    before = every_table()
    files_before = every_file(installation / "media")
    checkpoints_before = Path(settings.NRM_AUDIT_CHECKPOINT_FILE).read_bytes()
    assert files_before
    assert Person.objects.exists()
    hashes_before = list(AuditEvent.objects.order_by("pk").values_list("pk", "hash"))

    out = installation / "nrm.backup"
    call_command("backup", out=str(out), stdout=io.StringIO())
    raw = out.read_bytes()
    assert raw.startswith(backup.MAGIC)
    # Encrypted: no name, no file and no audit row can be read from it.
    for secret in (b"container.jpg", b"PHOTO_HOUSING", b"Quellenberghe"):
        assert secret not in raw

    with pytest.raises(BackupError, match="empty installation"):
        backup.backup_restore(out)

    empty_the_installation(installation, settings)
    assert backup.installation_is_empty().empty
    call_command("restore", str(out), stdout=io.StringIO())

    after = every_table()
    assert after.keys() == before.keys()
    for label, rows in before.items():
        assert after[label] == rows, label
    assert every_file(installation / "new-media") == files_before
    assert Path(settings.NRM_AUDIT_CHECKPOINT_FILE).read_bytes() == checkpoints_before
    assert list(AuditEvent.objects.order_by("pk").values_list("pk", "hash")) == hashes_before
    call_command("audit", "verify", stdout=io.StringIO())  # raises when the chain is broken
    # Encrypted fields are encrypted again in the restored columns.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT family_name FROM {Person._meta.db_table}")  # noqa: S608
        assert all(value.startswith("fernet:") for (value,) in cursor.fetchall() if value)


@pytest.mark.django_db
def test_a_restored_installation_gets_new_primary_keys_after_the_restored_ones(
    installation: Path, settings: SettingsWrapper
) -> None:
    from nrm.organisations.models import Region

    Region.objects.create(code="XX", name="Test region", country="BE")
    newest = Region.objects.order_by("pk").last()
    assert newest is not None
    out = installation / "nrm.backup"
    backup.backup_write(out)
    empty_the_installation(installation, settings)
    backup.backup_restore(out)
    created = Region.objects.create(code="YY", name="After the restore", country="BE")
    assert created.pk > newest.pk


@pytest.mark.django_db
def test_a_backup_cannot_be_read_with_another_key_altered_or_cut_off(
    installation: Path, settings: SettingsWrapper, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = installation / "nrm.backup"
    backup.backup_write(out)
    empty_the_installation(installation, settings)
    data = out.read_bytes()

    altered = installation / "altered.backup"
    middle = len(data) // 2
    altered.write_bytes(data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :])
    with pytest.raises(BackupError, match="altered"):
        backup.backup_restore(altered)

    cut = installation / "cut.backup"
    cut.write_bytes(data[:-10])
    with pytest.raises(BackupError):
        backup.backup_restore(cut)

    monkeypatch.setenv("NRM_BACKUP_KEY", Fernet.generate_key().decode())
    with pytest.raises(BackupError, match="wrong NRM_BACKUP_KEY"):
        backup.backup_restore(out)
    assert backup.installation_is_empty().empty  # nothing was half-restored


@pytest.mark.django_db
def test_a_backup_needs_its_key(installation: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NRM_BACKUP_KEY")
    monkeypatch.delenv("NRM_BACKUP_KEY_FILE", raising=False)
    with pytest.raises(ConfigurationError, match="NRM_BACKUP_KEY"):
        backup.backup_write(installation / "nrm.backup")
    assert not (installation / "nrm.backup").exists()


def test_every_model_is_in_the_backup() -> None:
    """A new app's tables are backed up without anyone remembering to add them."""
    backed_up = set(backup._all_models())
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            assert model in backed_up, model
    assert all(issubclass(model, models.Model) for model in backed_up)
