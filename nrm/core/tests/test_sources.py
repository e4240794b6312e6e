"""The register of cited sources: every key the rules cite has a title, and pages show
the title with its link, never the key (issue 16, plain words)."""

from __future__ import annotations

import re
from pathlib import Path

from django.template import Context, Template

from nrm.core.sources import REGISTER, cited

ROOT = Path(__file__).resolve().parents[3]
# The ways the code cites a source: Source("KEY", ...), Citation("ID", ("KEY", ...), ...),
# and the prosecution's (("KEY", "TAG"), ...) pairs.
_SOURCE = re.compile(r'Source\("([A-Z][A-Z0-9-]+)"')
_CITATION = re.compile(r'Citation\(\s*"[^"]+",\s*\(([^)]*)\)')
_PAIR = re.compile(r'\("([A-Z][A-Z0-9-]+)", "(?:V|S|K|SEED|PRODUCT|UNVERIFIED)"\)')
_KEY = re.compile(r'"([A-Z][A-Z0-9-]+)"')


def _cited_keys() -> set[str]:
    keys: set[str] = set()
    for path in (ROOT / "nrm").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        keys.update(_SOURCE.findall(text))
        keys.update(_PAIR.findall(text))
        for group in _CITATION.findall(text):
            keys.update(_KEY.findall(group))
    for path in (ROOT / "nrm").rglob("*.html"):
        keys.update(re.findall(r'cited_source "([A-Z][A-Z0-9-]+)"', path.read_text("utf-8")))
    return keys


def test_every_cited_key_has_a_title_in_the_register() -> None:
    keys = _cited_keys()
    assert len(keys) > 20, "the scan found the citations"
    missing = sorted(key for key in keys if key not in REGISTER)
    assert missing == []


def test_an_unknown_key_stands_as_itself() -> None:
    assert cited("NO-SUCH-KEY").title == "NO-SUCH-KEY"
    assert cited("NO-SUCH-KEY").url == ""


def test_a_source_is_shown_by_its_title_with_its_link_and_a_readable_tag() -> None:
    html = Template('{% load nrm_sources %}{% cited_source "MYRIA-STATUT" "V" %}').render(Context())
    assert "Myria" in html
    assert 'href="https://www.myria.be/fr/traite/statut-de-victime"' in html
    assert "seen in the cited source" in html
    assert "MYRIA-STATUT" not in html


def test_a_described_source_is_translated() -> None:
    from django.utils import translation

    with translation.override("fr"):
        html = Template('{% load nrm_sources %}{% cited_source "BE-CIC" "K" %}').render(Context())
    assert "BE-CIC" not in html
    assert "Belgian Code of criminal procedure" not in html
    assert "badge-bad" in html
