"""Gunicorn's access log without query strings, credentials in paths or secret headers.

`nrm serve` starts gunicorn with `--logger-class nrm.core.gunicorn.AccessLogger`: the
access log line is built from these atoms, whatever `--access-logformat` says.
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger  # type: ignore[import-untyped]

from nrm.core.logging import redact

# Headers that carry a credential or a session (as request headers `{name}i` and as
# environ entries `{http_name}e`): never in a log line.
_SECRET_HEADERS = frozenset({"authorization", "cookie", "set-cookie", "x-csrftoken"})
_SECRET_KEYS = _SECRET_HEADERS | {f"http_{h.replace('-', '_')}" for h in _SECRET_HEADERS}
_QUERY_KEYS = frozenset({"q", "{query_string}e"})


class AccessLogger(Logger):  # type: ignore[misc]  # gunicorn ships no type hints
    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> Any:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            name = key[1:].rsplit("}", 1)[0] if key.startswith("{") else ""
            if name in _SECRET_KEYS or key == "u":
                atoms[key] = "-"
            elif key in _QUERY_KEYS:
                atoms[key] = "…" if value else ""
            elif isinstance(value, str):
                atoms[key] = redact(value)
        return atoms
