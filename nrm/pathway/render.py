"""The readable mode of `nrm pathway simulate`: one whole translatable sentence a line."""

from __future__ import annotations

from nrm.pathway.engine import right_to_work, rules_for
from nrm.pathway.i18n import Message, Translate, _, identity
from nrm.pathway.io import legal_basis_text
from nrm.pathway.simulation import SimulationResult


def render_text(result: SimulationResult, translate: Translate = identity) -> str:
    pathway = result.pathway
    rules = rules_for(pathway.jurisdiction)
    if result.as_of is None:
        heading = Message(
            _("Pathway %(jurisdiction)s after all events."),
            {"jurisdiction": pathway.jurisdiction},
        )
    else:
        heading = Message(
            _("Pathway %(jurisdiction)s on %(date)s."),
            {"jurisdiction": pathway.jurisdiction, "date": result.as_of.isoformat()},
        )
    if pathway.state is None:
        current = Message(_("No event has been applied yet."))
    else:
        current = Message(
            _("Current state: %(state)s (%(label)s)."),
            {"state": pathway.state, "label": translate(rules.states[pathway.state])},
        )
    text = [heading.render(translate), current.render(translate)]

    if pathway.history:
        text.append(translate(_("History:")))
    for entry in pathway.history:
        params: dict[str, str | int] = {
            "start": entry.start.isoformat(),
            "state": entry.state,
            "decided_by": str(entry.decided_by),
            "legal_basis": legal_basis_text(entry.legal_basis, translate),
        }
        if entry.until is None:
            template = _("- from %(start)s: %(state)s, decided by %(decided_by)s. %(legal_basis)s")
        else:
            params["until"] = entry.until.isoformat()
            template = _(
                "- from %(start)s until %(until)s: %(state)s, decided by "
                "%(decided_by)s. %(legal_basis)s"
            )
        text.append(Message(template, params).render(translate))

    text.append(translate(_("Open deadlines:") if pathway.deadlines else _("No open deadlines.")))
    for deadline in pathway.deadlines:
        overdue = result.as_of is not None and deadline.is_overdue(result.as_of)
        template = (
            _("- %(due)s %(kind)s, for %(responsible)s: %(action)s (overdue)")
            if overdue
            else _("- %(due)s %(kind)s, for %(responsible)s: %(action)s")
        )
        text.append(
            Message(
                template,
                {
                    "due": deadline.due.isoformat(),
                    "kind": str(deadline.kind),
                    "responsible": str(deadline.responsible),
                    "action": translate(deadline.action),
                },
            ).render(translate)
        )

    work = right_to_work(pathway, result.config)
    if work.allowed is not None:
        if work.allowed:
            template = _("Right to work: yes. %(basis)s")
        else:
            template = _("Right to work: no. %(basis)s")
        text.append(
            Message(template, {"basis": legal_basis_text(work.basis, translate)}).render(translate)
        )
    for lapse in pathway.lapses:
        text.append(
            Message(
                _(
                    "Lapse: no valid document from %(start)s until %(until)s (%(document)s "
                    "expired)."
                ),
                {
                    "start": lapse.start.isoformat(),
                    "until": lapse.until.isoformat(),
                    "document": lapse.document,
                },
            ).render(translate)
        )

    if pathway.rejected:
        text.append(translate(_("Rejected events:")))
    for rejected in pathway.rejected:
        text.append(
            Message(
                _("- event %(index)s, %(type)s on %(date)s: %(reason)s"),
                {
                    "index": rejected.index,
                    "type": rejected.event.type,
                    "date": rejected.event.date.isoformat(),
                    "reason": rejected.reason.render(translate),
                },
            ).render(translate)
        )
    return "\n".join(text) + "\n"
