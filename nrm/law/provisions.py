"""Every provision id the legal engine emits, as lawyers cite it (pure, no Django).

Charges are stored as provision ids (``BE-CP-433quinquies``) and shown as lawyers write
them ("art. 433quinquies Crim. Code"); nobody types an internal id. The citation is a
whole sentence marked with `_` so that the edge translates it (French "C. pén.", Dutch
"Sw."); new-code citations carry the configured, UNVERIFIED article number.

Interface::

    PROVISIONS: Mapping[str, Provision]        # with the default cut-over (8 April 2026)
    provision_label(provision_id, translate=identity, *, be2026=DEFAULT_BE2026) -> str
        # the citation in the caller's language; an unknown id comes back unchanged
    charge_choices(jurisdiction, acts_on, *, be2026=DEFAULT_BE2026, translate=identity)
        -> list[tuple[str, str]]               # (id, citation) for a <select>
        # the chargeable provisions of `jurisdiction` ("BE", "DK", "FI") that can apply
        # to acts on `acts_on`; every chargeable one of that jurisdiction for None. On the
        # doubtful days 8-9 April 2026 both the old and the new Belgian code are offered.
    is_trafficking(provision_id) -> bool       # False for unknown ids and fallbacks
    provisions(be2026) -> Mapping[str, Provision]   # the catalogue for another cut-over

Django callers should pass ``be2026=LawConfig.be2026`` built from settings (see
`nrm.qualification.config.be2026_config`), so that the configured cut-over date applies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

from nrm.law import be2026 as new
from nrm.law.be2026 import DEFAULT_BE2026, Be2026Config
from nrm.law.i18n import Message, Translate, _, identity
from nrm.law.rules import Tag

# Law of 10 Aug 2005 (MB 2 Sep 2005); in-force day not retrieved, ten days after
# publication assumed [K], as for the ruleset BE-2005-09-12.
BE_2005 = date(2005, 9, 12)
# Social Penal Code in force 1 July 2011 [S].
BE_SPC = date(2011, 7, 1)


@dataclass(frozen=True, slots=True)
class Provision:
    id: str
    jurisdiction: str  # BE, DK, FI, PALERMO, EU
    citation: str  # whole sentence marked with _(); may hold %(article)s
    trafficking: bool  # the trafficking offence or one of its aggravated forms
    chargeable: bool  # an offence a national prosecutor charges (not a treaty article)
    valid_from: date | None  # first day of acts it can apply to (None: not known)
    valid_to: date | None  # last day (None: still in force)
    tag: Tag  # how well the provision itself (its existence, number, range) is verified
    article_unverified: bool = False  # the article number shown is not verified

    def applies_to(self, day: date) -> bool:
        after_start = self.valid_from is None or self.valid_from <= day
        return after_start and (self.valid_to is None or day <= self.valid_to)

    def label(self, translate: Translate = identity, article: str = "?") -> str:
        return translate(self.citation) % {"article": article}


def _old_be(
    pid: str, citation: str, tag: Tag, last_day: date, *, trafficking: bool = True
) -> Provision:
    return Provision(pid, "BE", citation, trafficking, True, BE_2005, last_day, tag)


def _new_be(pid: str, citation: str, first_day: date, *, trafficking: bool = True) -> Provision:
    return Provision(
        pid, "BE", citation, trafficking, True, first_day, None, Tag.UNVERIFIED, True
    )


NEW_TRAFFICKING = "BE-CP2026-trafficking"
NEW_SLUM_LANDLORD = "BE-CP2026-slum-landlord"
NEW_BEGGING = "BE-CP2026-begging"


def new_aggravated_id(form: str) -> str:
    return f"{NEW_TRAFFICKING}-{form}"


_NEW_AGGRAVATED_CITATIONS = {
    new.AUTHORITY: _(
        "art. %(article)s Crim. Code 2024, aggravated trafficking: abuse of authority over "
        "the victim"
    ),
    new.OFFICIAL: _(
        "art. %(article)s Crim. Code 2024, aggravated trafficking: public official acting in "
        "their functions"
    ),
    new.MINOR: _("art. %(article)s Crim. Code 2024, aggravated trafficking: victim a minor"),
    new.VULNERABILITY: _(
        "art. %(article)s Crim. Code 2024, aggravated trafficking: abuse of a situation of "
        "vulnerability"
    ),
    new.COERCION: _(
        "art. %(article)s Crim. Code 2024, aggravated trafficking: fraud, violence, threats or "
        "coercion"
    ),
    new.PAYMENT: _(
        "art. %(article)s Crim. Code 2024, aggravated trafficking: payment to a person with "
        "authority over the victim"
    ),
    new.LIFE: _("art. %(article)s Crim. Code 2024, aggravated trafficking: life endangered"),
    new.HARM: _(
        "art. %(article)s Crim. Code 2024, aggravated trafficking: incurable illness or "
        "lasting incapacity"
    ),
    new.HABITUAL: _("art. %(article)s Crim. Code 2024, aggravated trafficking: habitual activity"),
    new.ASSOCIATION: _(
        "art. %(article)s Crim. Code 2024, aggravated trafficking: activity of an association"
    ),
    new.DEATH: _(
        "art. %(article)s Crim. Code 2024, aggravated trafficking: death caused without intent "
        "to kill"
    ),
    new.LEADER: _(
        "art. %(article)s Crim. Code 2024, aggravated trafficking: leader of the association"
    ),
}


def provisions(be2026: Be2026Config = DEFAULT_BE2026) -> Mapping[str, Provision]:
    """The catalogue for the configured cut-over date of the new Belgian code."""
    first = be2026.cutover
    last = first - timedelta(days=1)
    items = [
        # Belgium, old code (RULES.md §2.2)
        _old_be("BE-CP-433quinquies", _("art. 433quinquies Crim. Code"), Tag.V, last),
        _old_be("BE-CP-433sexies-1", _("art. 433sexies, 1° Crim. Code"), Tag.S, last),
        _old_be("BE-CP-433sexies-2", _("art. 433sexies, 2° Crim. Code"), Tag.S, last),
        _old_be("BE-CP-433septies-1", _("art. 433septies, 1° Crim. Code"), Tag.S, last),
        _old_be("BE-CP-433septies-2", _("art. 433septies, 2° Crim. Code"), Tag.S, last),
        _old_be("BE-CP-433septies-3", _("art. 433septies, 3° Crim. Code"), Tag.S, last),
        _old_be("BE-CP-433septies-3bis", _("art. 433septies, 3°bis Crim. Code"), Tag.S, last),
        _old_be("BE-CP-433septies-4", _("art. 433septies, 4° Crim. Code"), Tag.S, last),
        _old_be("BE-CP-433septies-5", _("art. 433septies, 5° Crim. Code"), Tag.K, last),
        _old_be("BE-CP-433septies-6", _("art. 433septies, 6° Crim. Code"), Tag.S, last),
        _old_be("BE-CP-433septies-7", _("art. 433septies, 7° Crim. Code"), Tag.S, last),
        _old_be("BE-CP-433octies", _("art. 433octies Crim. Code"), Tag.K, last),
        # Belgian fallback offences (RULES.md §2.9)
        _old_be(
            "BE-CP-433ter", _("art. 433ter Crim. Code"), Tag.S, last, trafficking=False
        ),
        _old_be(
            "BE-CP-433quater", _("art. 433quater Crim. Code"), Tag.S, last, trafficking=False
        ),
        _old_be(
            "BE-CP-433decies", _("art. 433decies Crim. Code"), Tag.S, last, trafficking=False
        ),
        Provision(
            "BE-SPC-175", "BE", _("art. 175 Social Penal Code"), False, True, BE_SPC, None, Tag.S
        ),
        Provision(
            "BE-ALIENS-77bis",
            "BE",
            _("art. 77bis Aliens Act of 15 December 1980"),
            False,
            True,
            BE_2005,
            None,
            Tag.S,
        ),
        # Belgium, new code (RULES.md §2.9): article numbers UNVERIFIED
        _new_be(
            NEW_TRAFFICKING,
            _("art. %(article)s Crim. Code 2024, trafficking in human beings"),
            first,
        ),
        *(
            _new_be(new_aggravated_id(form), _NEW_AGGRAVATED_CITATIONS[form], first)
            for form in new.AGGRAVATED_FORMS
        ),
        _new_be(
            NEW_SLUM_LANDLORD,
            _("Crim. Code 2024, abuse of vulnerability by renting housing (article not verified)"),
            first,
            trafficking=False,
        ),
        _new_be(
            NEW_BEGGING,
            _("Crim. Code 2024, exploitation of begging (article not verified)"),
            first,
            trafficking=False,
        ),
        # Denmark (RULES.md §2.4)
        Provision(
            "DK-STRFL-262a",
            "DK",
            _("§ 262 a of the Danish Criminal Code"),
            True,
            True,
            date(2002, 6, 6),
            None,
            Tag.V,
        ),
        Provision(
            "DK-STRFL-262b",
            "DK",
            _("§ 262 b of the Danish Criminal Code"),
            False,
            True,
            date(2022, 6, 1),
            None,
            Tag.V,
        ),
        # Finland (RULES.md §2.6)
        Provision(
            "FI-RL-25-3",
            "FI",
            _("ch. 25 § 3 of the Finnish Criminal Code"),
            True,
            True,
            date(2004, 8, 1),
            None,
            Tag.V,
        ),
        Provision(
            "FI-RL-25-3a",
            "FI",
            _("ch. 25 § 3 a of the Finnish Criminal Code"),
            True,
            True,
            date(2004, 8, 1),
            None,
            Tag.V,
        ),
        # Treaty and directive (RULES.md §2.5): definitions, never charged
        Provision(
            "PALERMO-3",
            "PALERMO",
            _("art. 3 Palermo Protocol"),
            True,
            False,
            date(2003, 12, 25),
            None,
            Tag.V,
        ),
        Provision(
            "EU-2011-36-2",
            "EU",
            _("art. 2 Directive 2011/36/EU"),
            True,
            False,
            date(2011, 4, 15),
            None,
            Tag.V,
        ),
    ]
    eu_penalties = {
        "EU-2011-36-4": _("art. 4 Directive 2011/36/EU"),
        "EU-2011-36-4-2-a": _("art. 4(2)(a) Directive 2011/36/EU"),
        "EU-2011-36-4-2-b": _("art. 4(2)(b) Directive 2011/36/EU"),
        "EU-2011-36-4-2-c": _("art. 4(2)(c) Directive 2011/36/EU"),
        "EU-2011-36-4-2-d": _("art. 4(2)(d) Directive 2011/36/EU"),
        "EU-2011-36-4-3": _("art. 4(3) Directive 2011/36/EU"),
    }
    for pid, citation in eu_penalties.items():
        items.append(Provision(pid, "EU", citation, True, False, date(2011, 4, 15), None, Tag.K))
    return MappingProxyType({p.id: p for p in items})


PROVISIONS: Mapping[str, Provision] = provisions()


def provision_label(
    provision_id: str,
    translate: Translate = identity,
    *,
    be2026: Be2026Config = DEFAULT_BE2026,
) -> str:
    """The citation as lawyers write it; an unknown id is shown as it is."""
    provision = PROVISIONS.get(provision_id)
    if provision is None:
        return provision_id
    return provision.label(translate, be2026.article)


def citation(provision_id: str, be2026: Be2026Config = DEFAULT_BE2026) -> Message:
    """The citation as a translatable sentence, rendered later at the edge."""
    provision = PROVISIONS.get(provision_id)
    if provision is None:
        return Message("%(id)s", {"id": provision_id})
    return Message(provision.citation, {"article": be2026.article})


def charge_choices(
    jurisdiction: str,
    acts_on: date | None,
    *,
    be2026: Be2026Config = DEFAULT_BE2026,
    translate: Translate = identity,
) -> list[tuple[str, str]]:
    """(id, citation) of the provisions that can be charged for acts on `acts_on`."""
    catalogue = PROVISIONS if be2026.cutover == DEFAULT_BE2026.cutover else provisions(be2026)
    choices: list[tuple[str, str]] = []
    for provision in catalogue.values():
        if provision.jurisdiction != jurisdiction or not provision.chargeable:
            continue
        if acts_on is not None and not _can_apply(provision, acts_on):
            continue
        choices.append((provision.id, provision.label(translate, be2026.article)))
    return choices


def _can_apply(provision: Provision, day: date) -> bool:
    if provision.applies_to(day):
        return True
    # The sources disagree between 8 and 9 April 2026: offer both codes on those days.
    if provision.jurisdiction == "BE" and new.doubtful_cutover_day(day):
        return provision.valid_from is None or provision.valid_from <= max(new.DOUBTFUL_DAYS)
    return False


def is_trafficking(provision_id: str) -> bool:
    provision = PROVISIONS.get(provision_id)
    return provision is not None and provision.trafficking
