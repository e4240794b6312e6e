"""The keyed blind index of names (pure): normalisation, partial and misspelt matches."""

from __future__ import annotations

from nrm.people.blind_index import EXACT, PREFIX, SOUND, BlindIndex, words

INDEX = BlindIndex(b"test secret")


def _matches(names: list[str], query: str, birth_year: int | None = None) -> bool:
    tokens = {t.value for t in INDEX.person_tokens(names, birth_year)}
    groups = INDEX.query_groups(query)
    return bool(groups) and all(tokens.intersection(group) for group in groups)


def test_words_are_transliterated_lowercased_and_split() -> None:
    assert words("Dragoș  POPESCU-Ionescu") == ["dragos", "popescu", "ionescu"]
    assert words("Ионов") == ["ionov"]
    assert words("Nguyễn Văn") == ["nguyen", "van"]


def test_exact_partial_accent_script_and_misspelt_names_match() -> None:
    names = ["Maria Elena", "Popescu", ""]
    assert _matches(names, "Popescu")
    assert _matches(names, "pope")  # first letters
    assert _matches(names, "Popesku")  # misspelt: same sound
    assert _matches(names, "popescu maria")  # any order, given and family names
    assert _matches(["Dragoș", "Munteanu", ""], "dragos")
    assert _matches(["Ivan", "Ионов", ""], "Ionov")
    assert _matches(["Mohammed", "Al-Rashid", ""], "Muhammad")


def test_every_query_word_must_match() -> None:
    names = ["Maria", "Popescu", ""]
    assert not _matches(names, "Popescu Ionela")
    assert not _matches(names, "Kowalski")


def test_birth_year_narrows_the_search() -> None:
    names = ["Maria", "Popescu", ""]
    assert _matches(names, "Popescu 1994", birth_year=1994)
    assert not _matches(names, "Popescu 1995", birth_year=1994)


def test_too_short_words_say_nothing() -> None:
    assert INDEX.query_groups("M. P") == []
    assert not _matches(["Maria", "Popescu", ""], "")


def test_tokens_depend_on_the_secret_and_reveal_no_name() -> None:
    other = BlindIndex(b"another secret")
    mine = {t.value for t in INDEX.person_tokens(["Popescu"], None)}
    theirs = {t.value for t in other.person_tokens(["Popescu"], None)}
    assert mine.isdisjoint(theirs)
    assert INDEX.key_id != other.key_id
    assert not any("popescu" in value for value in mine)


def test_weights_rank_exact_above_prefix_above_sound() -> None:
    weights = {t.weight for t in INDEX.person_tokens(["Popescu"], None)}
    assert weights == {EXACT, PREFIX, SOUND}
