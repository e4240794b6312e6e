"""A working text of the Belgian NRM manual, step by step, written from the project's rules
(RULES.md §3, §4, §5; the seed note), in English.

It is NOT the multidisciplinary circular of 23 December 2016: it restates what the platform
encodes so that every workflow page can say what happens next and who does it. Where a
rule is unverified the text says so. An installation loads it as the manual's first
version (`manual_load_working_text`, which the demo calls), and the coordination unit edits it from
there; every change is versioned and approved.
"""

from __future__ import annotations

from nrm.coordination.steps import ManualStep

S = ManualStep
Entry = dict[str, str]

WORKING_TEXT_NOTE = (
    "First version: working text written from the platform's rules, not the official circular."
)

BELGIAN_MANUAL: dict[ManualStep, Entry] = {
    S.DETECTION: {
        "who": "Any frontline service: labour inspectors of the ECOSOC teams, police, "
        "social services.",
        "does": "Screen the worker on the indicators, document working and housing "
        "conditions (the case must not rest on the victim's testimony), inform the person "
        "of the possibility of protection and residence if they cooperate, hand out the "
        "worker guide in their language, and put them in contact with a specialised centre.",
        "by_when": "During the inspection or intervention; the referral the same day where "
        "the person accepts.",
        "form": "Screening record; worker guide in the person's language.",
        "legal_basis": "Multidisciplinary circular of 23 Dec 2016; frontline duty to inform "
        "the Immigration Office and the person (RULES.md §3.1).",
        "next_step": "If the person accepts, refer them to a specialised centre (PAG-ASA, "
        "Payoke, Sürya; minors: Esperanto, Minor-Ndako) or call the hotline 078/055.800. "
        "The centre decides on intake.",
    },
    S.REFERRAL: {
        "who": "The specialised centre (caseworker); the referring service.",
        "does": "Intake interview, shelter or ambulatory support; the centre accompanies "
        "the person in every later step and files every residence request with the "
        "Immigration Office (Bureau MINTEH, trafficking cell).",
        "by_when": "The centre answers a referral within the configured response time "
        "(product choice: 24 hours).",
        "form": "Referral; intake record of the centre.",
        "legal_basis": "Aliens Act arts. 61/2-61/5; circular of 23 Dec 2016. Accompaniment "
        "by a recognised centre is a condition throughout.",
        "next_step": "The person must break with the exploiters. The centre requests the "
        "reflection document (annex 15) from the Immigration Office — or, if the person "
        "files a complaint at once, the provisional document. Minors: no reflection "
        "period; a guardian is appointed.",
    },
    S.REFLECTION: {
        "who": "Immigration Office (issues); centre (requests and accompanies); the person.",
        "does": "The person rests, gets advice and decides whether to file a complaint or "
        "make statements against the exploiters. The centre supports them; the platform "
        "tracks day 45.",
        "by_when": "45 days from the issue of annex 15 (the last day included, configurable).",
        "form": "Annex 15 (provisional residence document, 45 days).",
        "legal_basis": "Aliens Act art. 61/2; Myria (annex 15, 45 days) [V]. Right to work "
        "during reflection: as the seed note reports; configurable.",
        "next_step": "Complaint or statements before day 45: the centre requests the "
        "provisional document (3 months). No complaint: support ends after day 45 — "
        "voluntary return or end of the status.",
    },
    S.PROVISIONAL_STAY: {
        "who": "Immigration Office (instructs the municipality); centre (requests); "
        "prosecutor or labour auditor (investigates).",
        "does": "The person holds a provisional document with the right to work while the "
        "prosecutor or labour auditor considers the complaint.",
        "by_when": "At most 3 months; one extension of 3 months possible [S].",
        "form": "Attestation d'immatriculation (AI), model A.",
        "legal_basis": "Aliens Act art. 61/3.",
        "next_step": "The prosecutor or labour auditor gives an opinion: is the person a "
        "victim, is the case ongoing, do they cooperate? A positive opinion lets the centre "
        "request the 6-month permit.",
    },
    S.PROSECUTOR_OPINION: {
        "who": "Specialised prosecutor or labour auditor.",
        "does": "Confirms (or not) that the person is considered a victim, that the case "
        "is ongoing and that the person cooperates; qualifies the facts (act + purpose; "
        "means are aggravating circumstances).",
        "by_when": "Before the provisional document expires; again before each renewal, "
        "within the current permit's validity (configurable).",
        "form": "Opinion to the Immigration Office.",
        "legal_basis": "Aliens Act art. 61/4; Criminal Code art. 433quinquies (new code "
        "from 8 Apr 2026, article numbers unverified).",
        "next_step": "Positive: the Immigration Office issues the temporary permit (CIRE, "
        "6 months). Negative or case ended: the Immigration Office reviews the status.",
    },
    S.TEMPORARY_STAY: {
        "who": "Immigration Office (issues); centre (requests); prosecutor or labour auditor "
        "(opinion).",
        "does": "The person holds a temporary permit with the right to work while the case "
        "runs.",
        "by_when": "6 months, renewable by 6 months until the end of the judicial procedure.",
        "form": "CIRE (certificat d'inscription au registre des étrangers).",
        "legal_basis": "Aliens Act art. 61/4.",
        "next_step": "30 days before expiry (product choice) the renewal is prepared: the "
        "Immigration Office asks the prosecutor or labour auditor for a fresh opinion.",
    },
    S.PERMIT_RENEWAL: {
        "who": "Centre (requests); prosecutor or labour auditor (opinion); Immigration "
        "Office (decides).",
        "does": "Checks the conditions again: victim, case ongoing, cooperation, ties with "
        "the exploiters cut, no danger to public order.",
        "by_when": "Before the current permit expires; a late renewal is recorded with its "
        "gap.",
        "form": "Renewal request; prosecutor's opinion.",
        "legal_basis": "Aliens Act art. 61/4; renewal conditions [V WZP, PAG-ASA].",
        "next_step": "Renewed for 6 months while the case runs. A trafficking charge in the "
        "requisitions opens permanent residence; a dismissal leads to a status review.",
    },
    S.DISMISSAL: {
        "who": "Prosecutor or labour auditor (decides); Immigration Office (reviews the "
        "status).",
        "does": "Closes the case without prosecution; the Immigration Office must review "
        "the status; a 6-month renewal is refused while the case is closed.",
        "by_when": "Status review within the configured period (30 days).",
        "form": "Dismissal decision; status review.",
        "legal_basis": "Aliens Act art. 61/4 (case must be ongoing); RULES.md §3.6.",
        "next_step": "Humanitarian residence after two years under the procedure (route "
        "unverified, configurable). A reopening makes renewals possible again.",
    },
    S.INDICTMENT: {
        "who": "Prosecutor or labour auditor.",
        "does": "Brings the case before the court and requests conviction, retaining the "
        "trafficking charge in the requisitions; freezes assets so that victims can be "
        "compensated.",
        "by_when": "When the investigation allows; targets for trafficking cases per office.",
        "form": "Requisitions; seizure of assets.",
        "legal_basis": "Criminal Code art. 433quinquies and following; art. 433novies "
        "(special confiscation).",
        "next_step": "The centre requests permanent residence: it is granted once "
        "conviction for trafficking is requested, whatever the judgment.",
    },
    S.PERMANENT_STAY: {
        "who": "Immigration Office (decides); centre (requests).",
        "does": "Grants residence of unlimited duration.",
        "by_when": "Decision within the configured period (30 days) of the request.",
        "form": "Permanent residence request and decision.",
        "legal_basis": "Aliens Act art. 61/5 (wording [K]); conviction or requisitions "
        "for trafficking [V PAG-ASA, S RTBF].",
        "next_step": "The case continues to judgment; the victim may claim compensation as "
        "a civil party.",
    },
    S.JUDGMENT: {
        "who": "Court; judge decides on disclosure of the victim's statements.",
        "does": "Judges the defendants; decides whether and when the victim's statement is "
        "shared with the defence; orders confiscation and compensation.",
        "by_when": "Appeal period (configurable, 30 days) before the judgment is final.",
        "form": "Judgment.",
        "legal_basis": "Criminal Code arts. 433quinquies-433novies; art. 43bis (allocation "
        "to the civil party) [K].",
        "next_step": "Final judgment: confiscated assets and compensation are paid out; the "
        "case enters the rapporteur's statistics, de-identified.",
    },
    S.COMPENSATION: {
        "who": "Prosecutor (assets); court; victim's lawyer; Commission for financial aid "
        "to victims.",
        "does": "Confiscated assets compensate the victim; back pay is claimed from the "
        "employer and, jointly, from contractors; the state fund helps where the offender "
        "does not pay.",
        "by_when": "After the final judgment; the state fund's time limits are unverified.",
        "form": "Civil claim; back-pay claim; application to the financial aid fund.",
        "legal_basis": "Law of 11 Feb 2013 (back pay, joint liability); Law of 1 Aug 1985 "
        "(financial aid); art. 433novies (confiscation).",
        "next_step": "Close the case file; the rapporteur counts it in the annual report.",
    },
    S.HUMANITARIAN_RESIDENCE: {
        "who": "Minister or Immigration Office (discretionary); centre (requests).",
        "does": "Grants residence to a person who cooperated and waited two years under "
        "the procedure while the case did not reach court for reasons outside their control.",
        "by_when": "After 2 years under the procedure (configurable).",
        "form": "Humanitarian residence request.",
        "legal_basis": "As the seed note describes current practice; statutory basis "
        "UNVERIFIED.",
        "next_step": "Residence under the humanitarian decision; the centre's accompaniment "
        "may end.",
    },
    S.STATUS_END: {
        "who": "Immigration Office.",
        "does": "Ends the status when a condition fails: renewed ties with the exploiter, "
        "cooperation withdrawn, public-order danger, procedure ended.",
        "by_when": "At the next decision point (explicit withdrawal grounds unverified).",
        "form": "Order to leave the territory.",
        "legal_basis": "Renewal conditions [V]; withdrawal grounds [K/UNVERIFIED].",
        "next_step": "Voluntary return with the centre's help, or the humanitarian route "
        "where it is open.",
    },
    S.RETURN: {
        "who": "The person, with the centre (return programmes).",
        "does": "Prepares a safe voluntary return, possible at any time, notably at the end "
        "of the reflection period.",
        "by_when": "When the person chooses.",
        "form": "Voluntary-return request.",
        "legal_basis": "RULES.md §3.2 [V RTBF-2022].",
        "next_step": "The pathway ends; compensation claims can continue from abroad.",
    },
}
