"""The coordination unit's form for a local question, and the screening form's local fields.

The question form has one text field per installation language; choices are written one a
line, `CODE = label`, in each language (the codes of the installation's language are the
list; another language may leave a choice out, it then falls back).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from nrm.indicators.actions import LocalAnswerData, field_name
from nrm.indicators.definitions import (
    ANSWER_TEXT_MAX,
    CHOICE_MAX,
    HELP_MAX,
    NO,
    TEXT_MAX,
    YES,
    default_language,
    languages,
    text_in,
)
from nrm.indicators.models import LocalQuestion, LocalQuestionVersion, QuestionKind


def _language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def _choice_lines(choices: Sequence[Mapping[str, Any]], language: str) -> str:
    return "\n".join(
        f"{c['code']} = {c['texts'][language]}" for c in choices if c["texts"].get(language)
    )


class QuestionForm(forms.Form):
    """A new question, or the next version of one (then the code is fixed)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_(
            "Stable, never changed: answers are filed under it. Capital letters, digits and "
            "hyphens, for example BE-LIMOSA."
        ),
    )
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    position = forms.IntegerField(
        label=_("Position on the form"),
        min_value=0,
        max_value=999,
        initial=100,
        help_text=_("Local questions are shown after the legal indicators, smallest first."),
    )
    minimum = forms.DecimalField(label=_("Smallest answer (numbers)"), required=False)
    maximum = forms.DecimalField(label=_("Largest answer (numbers)"), required=False)
    change_note = forms.CharField(label=_("What changed and why"), max_length=500, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, question: LocalQuestion | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.question = question
        default = default_language()
        for language in languages():
            name = _language_name(language)
            required = language == default
            self.fields[f"text_{language}"] = forms.CharField(
                label=_("Question in %(language)s") % {"language": name},
                max_length=TEXT_MAX,
                required=required,
            )
            self.fields[f"help_{language}"] = forms.CharField(
                label=_("Help text in %(language)s") % {"language": name},
                max_length=HELP_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"choices_{language}"] = forms.CharField(
                label=_("Choices in %(language)s") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("One a line: CODE = label.") if required else "",
            )
        if question is not None:
            self.fields["code"].disabled = True
            # A disabled field takes its value from the initial data, bound or not.
            self.initial["code"] = question.code
            self.fields["change_note"].required = True
            if not self.is_bound:
                self.initial.update(self._initial_from(question))

    @staticmethod
    def _initial_from(question: LocalQuestion) -> dict[str, Any]:
        current: LocalQuestionVersion | None = question.current
        initial: dict[str, Any] = {
            "code": question.code,
            "position": question.position,
            "version": question.version,
        }
        if current is None:
            return initial
        initial.update(
            kind=current.kind, minimum=current.minimum or None, maximum=current.maximum or None
        )
        for language in languages():
            initial[f"text_{language}"] = current.texts.get(language, "")
            initial[f"help_{language}"] = current.help.get(language, "")
            initial[f"choices_{language}"] = _choice_lines(current.choices, language)
        return initial

    def language_rows(self) -> list[dict[str, Any]]:
        """The fields of each language, for the template (one fieldset a language)."""
        return [
            {
                "code": language,
                "name": _language_name(language),
                "default": language == default_language(),
                "text": self[f"text_{language}"],
                "help": self[f"help_{language}"],
                "choices": self[f"choices_{language}"],
            }
            for language in languages()
        ]

    def _choices(self) -> list[dict[str, Any]]:
        default = default_language()
        by_language: dict[str, dict[str, str]] = {}
        order: list[str] = []
        for language in languages():
            lines = str(self.cleaned_data.get(f"choices_{language}") or "").splitlines()
            parsed: dict[str, str] = {}
            for line in lines:
                if not line.strip():
                    continue
                code, sep, label = line.partition("=")
                if not sep or not code.strip() or not label.strip():
                    self.add_error(f"choices_{language}", _("Write each choice as CODE = label."))
                    continue
                if len(label.strip()) > CHOICE_MAX:
                    self.add_error(
                        f"choices_{language}",
                        _("A choice's label is limited to %(max)d characters.")
                        % {"max": CHOICE_MAX},
                    )
                parsed[code.strip()] = label.strip()
            by_language[language] = parsed
            if language == default:
                order = list(parsed)
        for language, parsed in by_language.items():
            for code in parsed:
                if code not in order:
                    self.add_error(
                        f"choices_{language}",
                        _("%(code)s is not a choice in the installation's language.")
                        % {"code": code},
                    )
        return [
            {
                "code": code,
                "texts": {
                    lang: parsed[code] for lang, parsed in by_language.items() if code in parsed
                },
            }
            for code in order
        ]

    def definition(self) -> dict[str, Any]:
        """The definition the actions check (`nrm.indicators.definitions.parse_definition`)."""
        d = self.cleaned_data
        minimum, maximum = d.get("minimum"), d.get("maximum")
        return {
            "code": self.question.code if self.question else d.get("code", ""),
            "kind": d.get("kind"),
            "position": d.get("position"),
            "texts": {lang: d.get(f"text_{lang}") or "" for lang in languages()},
            "help": {lang: d.get(f"help_{lang}") or "" for lang in languages()},
            "choices": self._choices() if d.get("kind") == QuestionKind.CHOICE else [],
            "minimum": "" if minimum is None else str(minimum),
            "maximum": "" if maximum is None else str(maximum),
        }


def form_field_for(path: str) -> str:
    """The question form's field for a definition problem's path (`texts.fr` -> `text_fr`)."""
    head, _sep, rest = path.partition(".")
    if head in ("texts", "help"):
        return f"{'text' if head == 'texts' else 'help'}_{rest}"
    if head.startswith("choices"):
        language = rest.rsplit(".", 1)[-1] if ".texts." in f".{rest}" else default_language()
        return f"choices_{language}"
    return head


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


# The screening form's local questions ------------------------------------------------------


def _answer_field(version: LocalQuestionVersion) -> forms.Field:
    label = text_in(version.texts)
    help_text = text_in(version.help).text if version.help else ""
    common: dict[str, Any] = {"label": label.text, "required": False, "help_text": help_text}
    if version.kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            choices=[("", _("Not asked or no answer")), (YES, _("Yes")), (NO, _("No"))],
            widget=forms.RadioSelect,
            **common,
        )
    if version.kind == QuestionKind.CHOICE:
        return forms.ChoiceField(
            choices=[
                ("", _("Not asked or no answer")),
                *((c["code"], text_in(c["texts"]).text) for c in version.choices),
            ],
            **common,
        )
    if version.kind == QuestionKind.NUMBER:
        # Checked by the action against the version's bounds (one rule for every caller).
        return forms.CharField(
            max_length=24, widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common
        )
    return forms.CharField(max_length=ANSWER_TEXT_MAX, **common)


class LocalQuestionsMixin:
    """Adds the active local questions to a form: a field `local-<code>` each, and a
    hidden `local-<code>-version` holding the version shown (the answer keeps it)."""

    fields: dict[str, forms.Field]
    data: Any
    cleaned_data: dict[str, Any]
    is_bound: bool

    def add_local_questions(self, questions: Sequence[LocalQuestion]) -> None:
        self.local_questions = [q for q in questions if q.current is not None]
        for question in self.local_questions:
            assert question.current is not None
            name = field_name(question.code)
            self.fields[name] = _answer_field(question.current)
            self.fields[f"{name}-version"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=question.current.number
            )

    def local_fields(self) -> list[dict[str, Any]]:
        """The local questions for the template, each with whether its text fell back."""
        rows = []
        for question in self.local_questions:
            assert question.current is not None
            name = field_name(question.code)
            shown = text_in(question.current.texts)
            rows.append(
                {
                    "code": question.code,
                    "field": self[name],  # type: ignore[index]
                    "version_field": self[f"{name}-version"],  # type: ignore[index]
                    "fallback": shown.fallback,
                    "language": _language_name(shown.language),
                    "language_code": shown.language,
                }
            )
        return rows

    def local_answers(self) -> list[LocalAnswerData]:
        answers = []
        for question in self.local_questions:
            name = field_name(question.code)
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            answers.append(
                LocalAnswerData(
                    code=question.code,
                    value=str(value),
                    version=self.cleaned_data.get(f"{name}-version"),
                )
            )
        return answers
