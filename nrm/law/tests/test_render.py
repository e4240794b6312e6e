"""The contract output, the readable text, translation, and the core's independence."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from nrm.law import qualification_schema, qualify, render_text, report_to_json
from nrm.law.i18n import Message, _
from nrm.law.tests.builders import SWEATSHOP_CONDITIONS, facts

LAW = Path(__file__).resolve().parent.parent


def contract_case() -> dict[str, Any]:
    return report_to_json(
        qualify(
            facts(
                vulnerabilities=["IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS"],
                acts=["RECRUIT", "HARBOUR"],
                means=["ABUSE_OF_VULNERABILITY"],
                purposes=["WORK_CONTRARY_TO_HUMAN_DIGNITY"],
                labour=SWEATSHOP_CONDITIONS,
            ),
            ["BE"],
        )
    )


def test_the_output_has_the_contract_shape() -> None:
    output = contract_case()
    jsonschema.validate(output, qualification_schema())
    [be] = output["results"]
    assert be["jurisdiction"] == "BE"
    assert be["provision"] == "BE-CP-433quinquies"
    assert be["ruleset"] == "BE-2019-07-01"
    assert be["result"] == "POSSIBLE_PENDING_ASSESSMENT"
    assert be["elements"] == {
        "act": "SATISFIED",
        "means": "NOT_REQUIRED",
        "purpose": "REQUIRES_JUDICIAL_ASSESSMENT",
    }
    assert {"provision": "BE-CP-433septies-2"}.items() <= be["aggravating"][0].items()
    assert be["penalty"]["imprisonment_months"] == {"min": 120, "max": 180}
    assert be["penalty"]["imprisonment"] == "10 to 15 years"
    assert be["penalty"]["fine_eur"] == {"min": 1000, "max": 100000}
    assert be["penalty"]["fine_eur_total"] == {"min": 1000, "max": 100000}  # one victim
    assert be["penalty"]["fine_multiplied_by_victims"] is True
    assert be["in_force"] is True
    assert be["role"] == "GOVERNING"
    assert be["lex_mitior_check_required"] is False
    assert be["citation"] == "art. 433quinquies Crim. Code"
    # Work by a person without papers, degrading housing, harbouring: the Belgian
    # fallbacks with their new-code ids where they have one.
    fallbacks = {f["provision"]: f for f in be["fallback_offences"]}
    assert set(fallbacks) == {"BE-SPC-175", "BE-CP-433decies", "BE-ALIENS-77bis"}
    assert fallbacks["BE-CP-433decies"]["new_code_provision"] == "BE-CP2026-slum-landlord"
    assert fallbacks["BE-SPC-175"]["penalty"]["imprisonment"] == "6 months to 3 years"
    assert be["indicators"]["human_dignity"]["count"] == 5
    assert be["indicators"]["human_dignity"]["thresholds"]["product_choice"] is True
    assert all(isinstance(line, str) and line for line in be["explanation"])
    assert [s["tag"] for s in be["sources"] if s["key"] == "FRA-BE"] == ["V"]
    # ACCHUB-433SO backs R-BE-6 [V] and 433septies [S]: the source is shown once, as S,
    # and each rule keeps its own tag.
    assert [s["tag"] for s in be["sources"] if s["key"] == "ACCHUB-433SO"] == ["S"]
    rules = {r["rule"]: r["tag"] for r in be["rules"]}
    assert rules["R-BE-6"] == "V"
    assert rules["R-BE-433septies"] == "S"
    assert be["non_punishment_applicable"] is True


def test_report_to_json_translates_every_sentence() -> None:
    report = qualify(facts(), ["DK"])
    seen: list[str] = []

    def translate(template: str) -> str:
        seen.append(template)
        return "«" + template + "»"

    output = report_to_json(report, translate)
    assert seen
    assert all(line.startswith("«") for line in output["results"][0]["explanation"])


def test_render_text_is_readable_and_translated() -> None:
    text = render_text(qualify(facts(), ["BE", "DK"]))
    assert "BE — art. 433quinquies Crim. Code (ruleset BE-2019-07-01)" in text
    assert "Result: does not qualify (DOES_NOT_QUALIFY)" in text
    assert "Explanation:" in text
    translated = render_text(
        qualify(facts(), ["BE"]), lambda t: t.replace("Explanation:", "Uitleg:")
    )
    assert "Uitleg:" in translated


def test_message_renders_named_parameters() -> None:
    message = Message(_("%(count)s of %(total)s"), {"count": 2, "total": 5})
    assert str(message) == "2 of 5"
    assert message.render(lambda t: "%(count)s sur %(total)s") == "2 sur 5"
    assert Message(_("100%% sure")).render() == "100% sure"


def _marked_templates() -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = []
    for path in LAW.rglob("*.py"):
        if "tests" in path.parts:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
            ):
                [argument] = node.args
                assert isinstance(argument, ast.Constant), f"{path}: _() needs a literal"
                assert isinstance(argument.value, str), f"{path}: _() needs a string"
                found.append((path, argument.value))
    return found


def test_every_marked_sentence_uses_named_placeholders_only() -> None:
    templates = _marked_templates()
    assert len(templates) > 150
    for path, template in templates:
        bare = re.sub(r"%%|%\([a-z_]+\)s", "", template)
        assert "%" not in bare, f"{path}: positional placeholder in {template!r}"


def test_the_core_never_imports_django() -> None:
    for path in LAW.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(name.split(".")[0] == "django" for name in names), path


def test_the_schema_refuses_a_reference_result_presented_as_in_force() -> None:
    output = report_to_json(qualify(facts(start="2025-06-01", end=None), ["BE"]))
    jsonschema.validate(output, qualification_schema())
    reference = output["results"][1]
    assert reference["role"] == "REFERENCE"
    reference["in_force"] = True
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(output, qualification_schema())


def test_the_schema_refuses_a_total_fine_that_the_law_does_not_multiply() -> None:
    output = report_to_json(qualify(facts(victims=2), ["BE"]))
    penalty = output["results"][0]["penalty"]
    assert penalty["fine_eur_total"] == {"min": 1000, "max": 100000}
    penalty["fine_multiplied_by_victims"] = False
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(output, qualification_schema())
