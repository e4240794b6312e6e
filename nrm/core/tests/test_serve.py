"""`nrm serve` in production: gunicorn with threaded workers and a request timeout
(issue 17: sync workers kept serving requests whose client had gone)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings


@override_settings(PRODUCTION=True)
def test_production_serves_with_threaded_workers_and_a_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[list[str]] = []

    def execv(path: str, argv: list[str]) -> Any:
        started.append(argv)

    monkeypatch.setattr("os.execv", execv)
    call_command("serve", "--port", "8123", "--workers", "2", "--threads", "8")
    argv = started[0]

    def value(option: str) -> str:
        return argv[argv.index(option) + 1]

    assert value("--worker-class") == "gthread"
    assert (value("--workers"), value("--threads")) == ("2", "8")
    assert value("--timeout") == "30"
    assert value("--bind") == "127.0.0.1:8123"
