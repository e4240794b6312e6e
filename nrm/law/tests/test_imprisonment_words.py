"""The lawyers' words for an imprisonment, without Django (the pages render them translated)."""

from __future__ import annotations

from nrm.law.durations import duration, imprisonment_words


def test_durations_read_in_years_and_months() -> None:
    assert duration(60) == "5 years"
    assert duration(18) == "1 year and 6 months"
    assert duration(12) == "1 year"
    assert duration(1) == "1 month"


def test_each_kind_of_range_has_its_own_sentence() -> None:
    assert imprisonment_words(12, 60) == "imprisonment from 1 year to 5 years"
    assert imprisonment_words(0, 36) == "imprisonment up to 3 years"
    assert imprisonment_words(6, 6) == "imprisonment of 6 months"
    assert imprisonment_words(0, 0) == "no imprisonment"
    assert imprisonment_words(0, 0, life=True) == "life imprisonment"
    assert imprisonment_words(0, 120, at_least=True) == (
        "imprisonment with a maximum of at least 10 years"
    )


def test_the_edge_chooses_the_words_and_their_plural_forms() -> None:
    def marked(message: str) -> str:
        return f"«{message}»"

    def always_plural(singular: str, plural: str, count: int) -> str:
        return plural

    assert imprisonment_words(12, 60, gettext=marked, plural=always_plural) == (
        "«imprisonment from 1 years to 5 years»"
    )
