"""What a local question says, checked in one place for the page, the file loader and the
screening form's answers.

A definition is checked whole and every problem is named by its path (`texts.fr`,
`choices[1].code`), so that the loader can list them all with their lines and the page can
put each at its field. Languages are the installation's (settings.LANGUAGES); the default
language (settings.LANGUAGE_CODE) must always be written, since the other languages fall
back to it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nrm.core.errors import DomainError
from nrm.indicators.models import QuestionKind
from nrm.inspections.suggestion import DIGNITY_IDS, ILO11_IDS, ILO_EC_IDS

CODE = re.compile(r"[A-Z][A-Z0-9_-]{1,31}")
CHOICE_CODE = re.compile(r"[A-Z0-9][A-Z0-9_]{0,23}")
# Prefixes of the legal frameworks' ids: a local code never looks like a legal indicator.
LEGAL_PREFIXES = ("ILO-", "ILOEC-", "ILO_")
LEGAL_IDS = ILO11_IDS | ILO_EC_IDS | DIGNITY_IDS
TEXT_MAX = 300
HELP_MAX = 1000
CHOICE_MAX = 120
CHOICES_MIN, CHOICES_MAX = 2, 20
ANSWER_TEXT_MAX = 500
NUMBER_LIMIT = Decimal("1000000000")
YES, NO = "yes", "no"


def languages() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


def default_language() -> str:
    return str(settings.LANGUAGE_CODE).split("-")[0]


def current_language() -> str:
    return (get_language() or default_language()).split("-")[0]


@dataclass(frozen=True)
class Problem:
    path: str
    message: str


class DefinitionError(Exception):
    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(f"{p.path}: {p.message}" for p in problems))
        self.problems = tuple(problems)

    def first(self) -> DomainError:
        problem = self.problems[0]
        return DomainError(problem.message, field=problem.path)


@dataclass(frozen=True)
class Choice:
    code: str
    texts: dict[str, str]


@dataclass(frozen=True)
class Definition:
    """A question's content; `as_version()` is what a version row stores."""

    code: str
    kind: str
    texts: dict[str, str]
    help: dict[str, str] = field(default_factory=dict)
    choices: tuple[Choice, ...] = ()
    minimum: str = ""
    maximum: str = ""
    position: int = 100

    def as_version(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "texts": dict(self.texts),
            "help": dict(self.help),
            "choices": [{"code": c.code, "texts": dict(c.texts)} for c in self.choices],
            "minimum": self.minimum,
            "maximum": self.maximum,
        }


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def texts(self, raw: Any, path: str, *, limit: int, required: bool) -> dict[str, str]:
        if raw is None or raw == "":
            raw = {}
        if not isinstance(raw, Mapping):
            self.add(path, _("Give the texts as an object of language codes and texts."))
            return {}
        known = languages()
        texts: dict[str, str] = {}
        for language, text in raw.items():
            where = f"{path}.{language}"
            if language not in known:
                self.add(
                    where,
                    _("%(language)s is not a language of this installation (%(known)s).")
                    % {"language": language, "known": ", ".join(known)},
                )
            elif not isinstance(text, str):
                self.add(where, _("A text is expected."))
            elif len(text.strip()) > limit:
                self.add(
                    where,
                    _("This text is limited to %(max)d characters.") % {"max": limit},
                )
            elif text.strip():
                texts[language] = text.strip()
        if required and default_language() not in texts:
            self.add(
                f"{path}.{default_language()}",
                _(
                    "Write it at least in the installation's language (%(language)s): the "
                    "other languages fall back to it."
                )
                % {"language": default_language()},
            )
        return texts

    def number(self, raw: Any, path: str) -> str:
        if raw is None or raw == "":
            return ""
        try:
            value = Decimal(str(raw).strip())
        except InvalidOperation:
            self.add(path, _("A number is expected."))
            return ""
        if not value.is_finite() or abs(value) >= NUMBER_LIMIT:
            self.add(path, _("A number is expected."))
            return ""
        return str(value.normalize()) if value != value.to_integral() else str(int(value))


def parse_definition(raw: Mapping[str, Any]) -> Definition:
    """A definition from the page's or the file's fields; `DefinitionError` lists every problem."""
    check = _Checker()
    code = raw.get("code")
    if not isinstance(code, str) or not CODE.fullmatch(code.strip()):
        check.add(
            "code",
            _(
                "A code is 2 to 32 capital letters, digits, hyphens or underscores, starting "
                "with a letter (for example BE-LIMOSA)."
            ),
        )
        code = ""
    code = code.strip()
    if code in LEGAL_IDS or code.startswith(LEGAL_PREFIXES):
        check.add(
            "code",
            _(
                "%(code)s is the code of a legal framework's indicator: a local question "
                "never replaces one. Choose another code."
            )
            % {"code": code},
        )
    kind = raw.get("kind")
    if kind not in QuestionKind.values:
        check.add(
            "kind",
            _("The kind of answer is one of %(kinds)s.")
            % {"kinds": ", ".join(QuestionKind.values)},
        )
    texts = check.texts(raw.get("texts"), "texts", limit=TEXT_MAX, required=True)
    help_texts = check.texts(raw.get("help"), "help", limit=HELP_MAX, required=False)
    choices: list[Choice] = []
    raw_choices = raw.get("choices") or []
    if kind == QuestionKind.CHOICE:
        if not isinstance(raw_choices, list) or not CHOICES_MIN <= len(raw_choices) <= CHOICES_MAX:
            check.add(
                "choices",
                _("A question with choices has %(min)d to %(max)d of them.")
                % {"min": CHOICES_MIN, "max": CHOICES_MAX},
            )
            raw_choices = raw_choices if isinstance(raw_choices, list) else []
        seen: set[str] = set()
        for index, one in enumerate(raw_choices):
            where = f"choices[{index}]"
            if not isinstance(one, Mapping):
                check.add(where, _("A choice is an object with a code and its texts."))
                continue
            choice_code = one.get("code")
            if not isinstance(choice_code, str) or not CHOICE_CODE.fullmatch(choice_code):
                check.add(
                    f"{where}.code",
                    _("A choice's code is 1 to 24 capital letters, digits or underscores."),
                )
                continue
            if choice_code in seen:
                check.add(
                    f"{where}.code",
                    _("The choice %(code)s is given twice.") % {"code": choice_code},
                )
            seen.add(choice_code)
            labels = check.texts(
                one.get("texts"), f"{where}.texts", limit=CHOICE_MAX, required=True
            )
            choices.append(Choice(choice_code, labels))
    elif raw_choices:
        check.add("choices", _("Only a question with choices has choices."))
    minimum = check.number(raw.get("minimum"), "minimum")
    maximum = check.number(raw.get("maximum"), "maximum")
    if (minimum or maximum) and kind != QuestionKind.NUMBER:
        check.add("minimum" if minimum else "maximum", _("Only a number has bounds."))
    if minimum and maximum and Decimal(minimum) > Decimal(maximum):
        check.add("maximum", _("The largest answer cannot be smaller than the smallest."))
    position = raw.get("position", 100)
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position <= 999:
        check.add("position", _("The position is a whole number from 0 to 999."))
        position = 100
    if check.problems:
        raise DefinitionError(check.problems)
    return Definition(
        code=code,
        kind=str(kind),
        texts=texts,
        help=help_texts,
        choices=tuple(choices),
        minimum=minimum,
        maximum=maximum,
        position=position,
    )


# Showing a text in the reader's language ------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A text in the reader's language, or in the installation's when none was written."""

    text: str
    language: str
    fallback: bool


def text_in(texts: Mapping[str, str], language: str | None = None) -> Shown:
    wanted = language or current_language()
    if texts.get(wanted):
        return Shown(texts[wanted], wanted, fallback=False)
    default = default_language()
    return Shown(texts.get(default, ""), default, fallback=True)


# Answers --------------------------------------------------------------------------------


def clean_answer(version: Mapping[str, Any], raw: str, *, field_name: str) -> str:
    """The canonical answer to one version ("" for no answer); a DomainError names the field.

    `version` is a version's `definition()`: the answer is checked against the words the
    worker was asked, not against a later version."""
    value = (raw or "").strip()
    if not value:
        return ""
    kind = version["kind"]
    if kind == QuestionKind.YES_NO:
        if value not in (YES, NO):
            raise DomainError(_("Answer yes or no."), field=field_name)
        return value
    if kind == QuestionKind.CHOICE:
        if value not in {c["code"] for c in version["choices"]}:
            raise DomainError(_("Choose an answer from the list."), field=field_name)
        return value
    if kind == QuestionKind.NUMBER:
        try:
            number = Decimal(value.replace(",", "."))
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite() or abs(number) >= NUMBER_LIMIT:
            raise DomainError(_("A number is expected."), field=field_name)
        low, high = version.get("minimum") or "", version.get("maximum") or ""
        if (low and number < Decimal(low)) or (high and number > Decimal(high)):
            raise DomainError(
                _("Give a number from %(min)s to %(max)s.")
                % {"min": low or "…", "max": high or "…"},
                field=field_name,
            )
        return str(number.normalize()) if number != number.to_integral() else str(int(number))
    if len(value) > ANSWER_TEXT_MAX:
        raise DomainError(
            _("This text is limited to %(max)d characters.") % {"max": ANSWER_TEXT_MAX},
            field=field_name,
        )
    return value


def answer_label(version: Mapping[str, Any], value: str, language: str | None = None) -> Shown:
    """An answer as the reader reads it: yes/no and choices translated, others as given."""
    kind = version["kind"]
    if kind == QuestionKind.YES_NO:
        return Shown(_("Yes") if value == YES else _("No"), current_language(), fallback=False)
    if kind == QuestionKind.CHOICE:
        for choice in version["choices"]:
            if choice["code"] == value:
                return text_in(choice["texts"], language)
    return Shown(value, "", fallback=False)
