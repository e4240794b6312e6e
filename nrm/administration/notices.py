"""E-mails that make administrators' acts visible to the people they concern.

An administrator's power over accounts is checked by others: the organisation's heads hear
of every membership that opens their case data, the other administrators of every request
waiting for their approval, and a person of every reset of their own account. Mails go
after commit, each in its recipient's language; none carries a case detail.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nrm.access.policy import HEAD_ROLES
from nrm.accounts.models import User
from nrm.accounts.queries import effective_filter
from nrm.organisations.models import Membership, Role


def organisation_heads(organisation_id: int) -> list[User]:
    """The active heads (team lead, centre director) of an organisation."""
    heads = Membership.objects.filter(
        effective_filter(), organisation_id=organisation_id, role__in=HEAD_ROLES
    )
    return list(User.objects.filter(is_active=True, memberships__in=heads).distinct())


def administrators(*, besides: int) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__role=Role.ADMINISTRATOR,
            memberships__ended_at__isnull=True,
        )
        .exclude(pk=besides)
        .distinct()
    )


def _mail(recipients: Iterable[User], subject: str, body: str, **params: str) -> None:
    """Queue one mail per recipient, translated into their language, sent after commit."""
    messages = []
    for user in {u.pk: u for u in recipients if u.email}.values():
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            messages.append(
                EmailMessage(
                    subject=_(subject) % params,
                    body=_(body) % params,
                    to=[user.email],
                )
            )
    if messages:
        transaction.on_commit(lambda: get_connection().send_messages(messages), robust=True)


# The texts are marked here and translated per recipient in `_mail`.
REQUESTED_SUBJECT = gettext_noop("Open NRM: a membership waits for approval")
REQUESTED_BODY = gettext_noop(
    "%(admin)s gave %(user)s the role %(role)s in %(organisation)s. It opens case data, so it "
    "gives no access until a second administrator approves it. If you did not expect this, "
    "tell the administrators before they approve it."
)
APPROVED_SUBJECT = gettext_noop("Open NRM: a membership with access to case data")
APPROVED_BODY = gettext_noop(
    "%(user)s now has the role %(role)s in %(organisation)s: requested by %(requester)s and "
    "approved by %(approver)s. If this is not right, ask an administrator to end it."
)
RESET_SUBJECT = gettext_noop("Open NRM: your password and second factor were reset")
RESET_BODY = gettext_noop(
    "An administrator (%(admin)s) reset your password and second factor. Your sessions and "
    "API tokens have ended. Open this link to choose a new password and set up your "
    "authenticator app again; it works once, for a few days:\n\n%(link)s\n\nIf you did not "
    "ask for this, tell your organisation's head and the administrators at once."
)
WELCOME_SUBJECT = gettext_noop("Open NRM: your new account")
WELCOME_BODY = gettext_noop(
    "An administrator (%(admin)s) made an account for you, %(user)s. Open this link to "
    "choose your password and set up your authenticator app; it works once, for a few "
    "days:\n\n%(link)s"
)


def membership_requested(membership: Membership, admin: User) -> None:
    params = {
        "admin": admin.username,
        "user": membership.user.username,
        "role": str(membership.get_role_display()),
        "organisation": str(membership.organisation),
    }
    heads = organisation_heads(membership.organisation_id)
    _mail([*heads, *administrators(besides=admin.pk)], REQUESTED_SUBJECT, REQUESTED_BODY, **params)


def membership_approved(membership: Membership, requester: User | None, approver: User) -> None:
    params = {
        "user": membership.user.username,
        "role": str(membership.get_role_display()),
        "organisation": str(membership.organisation),
        "requester": requester.username if requester else "—",
        "approver": approver.username,
    }
    _mail(
        [*organisation_heads(membership.organisation_id), membership.user],
        APPROVED_SUBJECT,
        APPROVED_BODY,
        **params,
    )


def credentials_reset(user: User, admin: User, link: str) -> None:
    _mail([user], RESET_SUBJECT, RESET_BODY, admin=admin.username, link=link)


def account_welcome(user: User, admin: User, link: str) -> None:
    params = {"admin": admin.username, "user": user.username, "link": link}
    _mail([user], WELCOME_SUBJECT, WELCOME_BODY, **params)

