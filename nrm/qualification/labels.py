"""Translated labels for the qualification engine's vocabulary (RULES.md §2.1).

The pure core speaks in enum values; the pages speak the user's language.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTS: dict[str, Promise] = {
    "RECRUIT": _("Recruiting"),
    "TRANSPORT": _("Transporting"),
    "TRANSFER": _("Transferring"),
    "HARBOUR": _("Harbouring or housing"),
    "RECEIVE": _("Receiving"),
    "TAKE_CONTROL": _("Taking control over the person"),
    "TRANSFER_CONTROL": _("Transferring or exchanging control over the person"),
    "HAND_OVER": _("Handing the person over"),
}
MEANS: dict[str, Promise] = {
    "THREAT": _("Threats"),
    "FORCE_VIOLENCE": _("Force or violence"),
    "OTHER_COERCION": _("Other coercion"),
    "DEPRIVATION_OF_LIBERTY": _("Deprivation of liberty"),
    "ABDUCTION": _("Abduction"),
    "FRAUD": _("Fraud"),
    "DECEPTION": _("Deception"),
    "EXPLOIT_ERROR": _("Exploiting a mistaken belief"),
    "ABUSE_OF_POWER": _("Abuse of power"),
    "ABUSE_OF_VULNERABILITY": _("Abuse of a position of vulnerability or dependency"),
    "PRESSURE": _("Pressure"),
    "PAYMENT_TO_CONTROLLER": _("Payment to a person having control over the victim"),
    "OTHER_UNDUE_METHOD": _("Other undue method"),
}
PURPOSES: dict[str, Promise] = {
    "PROSTITUTION": _("Prostitution"),
    "OTHER_SEXUAL_EXPLOITATION": _("Other sexual exploitation"),
    "PORNOGRAPHY": _("Pornography"),
    "BEGGING": _("Begging"),
    "WORK_CONTRARY_TO_HUMAN_DIGNITY": _("Work or services in conditions contrary to human dignity"),
    "FORCED_LABOUR_OR_SERVICES": _("Forced labour or services"),
    "SLAVERY_OR_SIMILAR": _("Slavery or practices similar to slavery"),
    "SERVITUDE": _("Servitude"),
    "OTHER_CONDITIONS_VIOLATING_HUMAN_DIGNITY": _("Other conditions violating human dignity"),
    "ORGAN_OR_TISSUE_REMOVAL": _("Removal of organs or tissue"),
    "FORCED_CRIMINALITY": _("Making the person commit crimes"),
    "SURROGACY_EXPLOITATION": _("Exploitation of surrogacy"),
    "FORCED_MARRIAGE": _("Forced marriage"),
    "ILLEGAL_ADOPTION": _("Illegal adoption"),
}
VULNERABILITIES: dict[str, Promise] = {
    "IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS": _("Irregular or precarious administrative status"),
    "PRECARIOUS_SOCIAL_SITUATION": _("Precarious social situation"),
    "AGE": _("Age"),
    "PREGNANCY": _("Pregnancy"),
    "ILLNESS": _("Illness"),
    "PHYSICAL_OR_MENTAL_IMPAIRMENT": _("Physical or mental impairment"),
}
AGGRAVATING_FACTS: dict[str, Promise] = {
    "AUTHOR_HAS_AUTHORITY_OVER_VICTIM": _("The author has authority over the victim"),
    "PUBLIC_OFFICIAL_ABUSING_FUNCTION": _("A public official abusing their function"),
    "VICTIM_MINOR": _("The victim is a minor"),
    "ABUSE_OF_PARTICULAR_VULNERABILITY": _("Abuse of a particularly vulnerable situation"),
    "COERCIVE_MEANS_USED": _("Coercive means were used"),
    "PAYMENT_TO_AUTHORITY_HOLDER": _("Payment to a person having authority over the victim"),
    "LIFE_ENDANGERED": _("The victim's life was endangered"),
    "INCURABLE_DISEASE_OR_INCAPACITY_4M": _(
        "Incurable disease or incapacity to work over 4 months"
    ),
    "PERMANENT_INCAPACITY": _("Permanent incapacity"),
    "HABITUAL_ACTIVITY": _("Habitual activity"),
    "ASSOCIATION_PARTICIPATION": _("Participation in an association"),
    "ASSOCIATION_LEADER": _("Leader of the association"),
    "DEATH_CAUSED_UNINTENTIONALLY": _("Death caused without intent"),
    "ORGANISED_CRIMINAL_GROUP": _("Organised criminal group"),
    "SERIOUS_VIOLENCE_OR_PARTICULARLY_SERIOUS_HARM": _(
        "Serious violence or particularly serious harm"
    ),
    "ICT_DISSEMINATION_OF_VICTIM_CONTENT": _("Dissemination of images of the victim online"),
}
RESULTS: dict[str, Promise] = {
    "QUALIFIES": _("Qualifies"),
    "DOES_NOT_QUALIFY": _("Does not qualify"),
    "POSSIBLE_PENDING_ASSESSMENT": _("Possible, pending a judge's assessment"),
    "INSUFFICIENT_FACTS": _("Insufficient facts"),
}
ELEMENT_STATUSES: dict[str, Promise] = {
    "SATISFIED": _("Satisfied"),
    "NOT_SATISFIED": _("Not satisfied"),
    "INSUFFICIENT_FACTS": _("Not known yet"),
    "REQUIRES_JUDICIAL_ASSESSMENT": _("Requires a judge's assessment"),
    "NOT_REQUIRED": _("Not required"),
}
ELEMENTS: dict[str, Promise] = {"act": _("Act"), "means": _("Means"), "purpose": _("Purpose")}
JURISDICTION_NAMES: dict[str, Promise] = {
    "BE": _("Belgium"),
    "DK": _("Denmark"),
    "FI": _("Finland"),
    "PALERMO": _("Palermo Protocol"),
    "EU2011": _("EU Directive 2011/36"),
    "EU2024": _("EU Directive 2011/36 as amended in 2024"),
}
TAGS: dict[str, Promise] = {
    "V": _("verified in the source"),
    "S": _("secondary source"),
    "K": _("known, not retrieved: to verify"),
    "UNVERIFIED": _("unverified"),
}
ROLES: dict[str, Promise] = {
    "GOVERNING": _("Law in force: governs"),
    "LEX_MITIOR_COMPARISON": _("Also in force during the period: for the lex mitior review"),
    "REFERENCE": _("For reference only: not in force for this period"),
}
UNVERIFIED_ITEMS: dict[str, Promise] = {
    "article": _("article number"),
    "wording": _("wording of the offence (working hypothesis)"),
    "level": _("penalty level"),
    "fine": _("fine range"),
    "fine_multiplied_by_victims": _("whether fines are multiplied by the number of victims"),
    "dutch_text": _("Dutch text"),
    "cutover_date": _("first day of the new Criminal Code (8 or 9 April 2026)"),
    "vulnerability_admin_status": _(
        "whether an irregular or precarious administrative status still counts as vulnerability"
    ),
}
FLAGS: dict[str, Promise] = {
    "CUTOVER_DATE_DOUBTFUL": _(
        "Acts on 8 or 9 April 2026: the first day of the new Criminal Code is disputed (8 April "
        "per the FPS Justice, 9 April per the Justel record)."
    ),
    "ADMIN_STATUS_VULNERABILITY_UNVERIFIED": _(
        "The case relies on an irregular or precarious administrative status, which the new "
        "Criminal Code's definition of vulnerability does not name."
    ),
    "NEW_PURPOSE_BEFORE_CUTOVER": _(
        "A purpose new in the Criminal Code of 2024 was recorded for acts that partly precede "
        "it: it applies only to acts from the cut-over."
    ),
}
