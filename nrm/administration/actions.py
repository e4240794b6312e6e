"""Administrators' writes: accounts, memberships and organisations. No case content here.

An administrator is not a back door to case data (docs/security.md, "Administrators"): a
membership whose role opens case data needs a second administrator's approval and is
announced to the organisation's heads; nobody grants such a role to themselves or approves
their own request; a reset hands the administrator no credential, the person chooses a new
password and enrols a new second factor through a link sent to them alone.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record, field_changes
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Purpose
from nrm.access.policy import Ability, decide
from nrm.accounts import throttle
from nrm.accounts.actions import api_tokens_end_for_user
from nrm.accounts.models import ApprovalState, MembershipApproval, User
from nrm.accounts.queries import role_opens_case_data
from nrm.administration import notices
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.organisations.models import (
    ROLES_BY_ORGANISATION_TYPE,
    JudicialDistrict,
    Membership,
    Organisation,
    OrganisationType,
    Region,
    Role,
)


def _require(actor: Actor, ability: Ability) -> None:
    decision = decide(actor, ability)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str | None = None,
    site_url: str = "",
) -> tuple[User, str]:
    """A new account. With a `password` (the demo, the tests, a one-time password handed
    over in person) it must be changed at first sign-in; without one, the person gets an
    e-mail with a single-use link to choose it and set up the second factor, and the
    returned password is empty: the administrator never holds the account's credentials.
    """
    _require(actor, Ability.USERS_MANAGE)
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("That username is taken."), field="username")
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        must_change_password=True,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="user_create",
        record=user,
        purpose=Purpose.ADMINISTRATION,
        changes=field_changes(
            {},
            {
                "username": username,
                "first_name": first_name,
                "last_name": last_name,
                "email": email,
            },
        ),
    )
    if not password:
        notices.account_welcome(user, actor.user, recovery_link(user, site_url))
    return user, password or ""


def recovery_link(user: User, site_url: str) -> str:
    """A single-use link to choose a password: Django's reset token covers the password
    hash, so it stops working once used, and after PASSWORD_RESET_TIMEOUT."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return site_url.rstrip("/") + reverse("accounts:recover", args=[uid, token])


@transaction.atomic
def user_password_reset(*, actor: Actor, user: User, site_url: str = "") -> None:
    """Reset a lost password or second factor without handing the account to anyone.

    The password becomes unusable (which also ends every session: Django checks the
    password hash on each request), the second factor is removed, API tokens end, and the
    person alone receives a link to choose a new password and enrol a new second factor.
    """
    _require(actor, Ability.USERS_MANAGE)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = User.objects.select_for_update().get(pk=user.pk)
    if user.pk == actor.user.pk:
        raise DomainError(_("Another administrator must reset your own account."))
    if not user.email:
        raise DomainError(_("The account has no e-mail address to send the reset link to."))
    user.set_unusable_password()
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    TOTPDevice.objects.filter(user=user).delete()
    throttle.forget_account(user.username)
    api_tokens_end_for_user(actor=actor, user_id=user.pk, reason="user_password_reset")
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="user_password_reset",
        record=user,
        purpose=Purpose.ADMINISTRATION,
        changes={
            "password": {"old": "(hidden)", "new": "(reset, link sent to the user)"},
            "second_factor": {"old": "(any)", "new": None},
        },
    )
    notices.credentials_reset(user, actor.user, recovery_link(user, site_url))


@transaction.atomic
def user_unlock(*, actor: Actor, user: User) -> None:
    _require(actor, Ability.USERS_MANAGE)
    throttle.forget_account(user.username)
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="user_unlock",
        record=user,
        purpose=Purpose.ADMINISTRATION,
    )


@transaction.atomic
def user_set_active(*, actor: Actor, user: User, active: bool) -> None:
    _require(actor, Ability.USERS_MANAGE)
    if user.pk == actor.user.pk and not active:
        raise DomainError(_("You cannot deactivate your own account."))
    if user.is_active == active:
        return
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        api_tokens_end_for_user(actor=actor, user_id=user.pk, reason="user_set_active")
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="user_set_active",
        record=user,
        purpose=Purpose.ADMINISTRATION,
        changes={"is_active": {"old": not active, "new": active}},
    )


@transaction.atomic
def membership_grant(
    *, actor: Actor, user: User, organisation: Organisation, role: str
) -> Membership:
    """Give a user a role in an organisation.

    A role that opens case data is granted pending: it gives no access until a second
    administrator approves it (`membership_approve`), and the organisation's heads and the
    other administrators are told at once. Nobody grants such a role to themselves.
    """
    _require(actor, Ability.USERS_MANAGE)
    allowed = ROLES_BY_ORGANISATION_TYPE.get(organisation.type, frozenset())
    if role not in allowed:
        raise DomainError(
            _("The role %(role)s does not exist in an organisation of type %(type)s.")
            % {"role": role, "type": organisation.get_type_display()},
            field="role",
        )
    needs_approval = role_opens_case_data(role)
    if needs_approval and user.pk == actor.user.pk:
        raise PermissionDenied(
            _("An administrator cannot give themselves a role with access to case data.")
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, organisation=organisation, role=role)
    except IntegrityError as exc:
        raise Conflict(_("This user already has that role in that organisation.")) from exc
    changes: dict[str, object] = {"user": user.pk, "organisation": organisation.pk, "role": role}
    if needs_approval:
        MembershipApproval.objects.create(membership=membership, requested_by=actor.user)
        changes["approval"] = ApprovalState.PENDING
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="membership_grant",
        record=membership,
        purpose=Purpose.ADMINISTRATION,
        changes=changes,
    )
    if needs_approval:
        notices.membership_requested(membership, actor.user)
    return membership


def _pending_approval(actor: Actor, membership: Membership) -> MembershipApproval:
    _require(actor, Ability.USERS_MANAGE)
    approval = (
        # Only the approval row is locked: PostgreSQL refuses to lock the nullable side of
        # the outer join to `requested_by`.
        MembershipApproval.objects.select_for_update(of=("self",))
        .select_related("membership__organisation", "membership__user", "requested_by")
        .filter(membership_id=membership.pk)
        .first()
    )
    if approval is None or approval.state != ApprovalState.PENDING:
        raise Conflict(_("This membership is not waiting for approval."))
    if approval.membership.ended_at is not None:
        raise Conflict(_("This membership has ended."))
    if approval.membership.user_id == actor.user.pk:
        raise PermissionDenied(_("You cannot decide on a membership of your own."))
    return approval


@transaction.atomic
def membership_approve(*, actor: Actor, membership: Membership) -> Membership:
    """The second administrator's approval: from now on the membership gives access."""
    approval = _pending_approval(actor, membership)
    if approval.requested_by_id == actor.user.pk:
        raise PermissionDenied(
            _("You asked for this membership: a second administrator must approve it.")
        )
    approval.state = ApprovalState.APPROVED
    approval.decided_by = actor.user
    approval.decided_at = timezone.now()
    approval.save(update_fields=["state", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="membership_approve",
        record=approval.membership,
        purpose=Purpose.ADMINISTRATION,
        changes={
            "approval": {"old": ApprovalState.PENDING, "new": ApprovalState.APPROVED},
            "requested_by": approval.requested_by_id,
        },
    )
    notices.membership_approved(approval.membership, approval.requested_by, actor.user)
    return approval.membership


@transaction.atomic
def membership_refuse(*, actor: Actor, membership: Membership) -> Membership:
    """Refuse (or, by its requester, withdraw) a pending membership; it ends unused."""
    approval = _pending_approval(actor, membership)
    now = timezone.now()
    approval.state = ApprovalState.REFUSED
    approval.decided_by = actor.user
    approval.decided_at = now
    approval.save(update_fields=["state", "decided_by", "decided_at"])
    membership = approval.membership
    membership.ended_at = now
    membership.save(update_fields=["ended_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.END,
        action="membership_refuse",
        record=membership,
        purpose=Purpose.ADMINISTRATION,
        changes={"approval": {"old": ApprovalState.PENDING, "new": ApprovalState.REFUSED}},
    )
    return membership


@transaction.atomic
def membership_end(*, actor: Actor, membership: Membership) -> Membership:
    _require(actor, Ability.USERS_MANAGE)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.ended_at is None:
        if membership.role == Role.ADMINISTRATOR and membership.user_id == actor.user.pk:
            # Locked, so that two administrators ending their own memberships at once
            # cannot both pass the check.
            administrators = Membership.objects.select_for_update().filter(
                role=Role.ADMINISTRATOR, ended_at__isnull=True, user__is_active=True
            )
            if not any(m.user_id != actor.user.pk for m in administrators):
                raise Conflict(
                    _(
                        "You are the last administrator: give another person the role "
                        "before you end your own."
                    )
                )
        membership.ended_at = timezone.now()
        membership.save(update_fields=["ended_at"])
        api_tokens_end_for_user(
            actor=actor,
            user_id=membership.user_id,
            membership_id=membership.pk,
            reason="membership_end",
        )
        audit_record(
            actor=actor,
            event_type=AuditEventType.END,
            action="membership_end",
            record=membership,
            purpose=Purpose.ADMINISTRATION,
        )
    return membership


@transaction.atomic
def organisation_create(
    *,
    actor: Actor,
    name: str,
    short_name: str,
    type: str,
    country: str,
    region: Region | None,
    judicial_district: JudicialDistrict | None,
    names: Mapping[str, str] | None = None,
) -> Organisation:
    _require(actor, Ability.ORGANISATIONS_MANAGE)
    if type not in OrganisationType.values:
        raise DomainError(_("Unknown organisation type."), field="type")
    if Organisation.objects.filter(name__iexact=name).exists():
        raise DomainError(_("An organisation with that name exists."), field="name")
    if type == OrganisationType.PROSECUTION_OFFICE and judicial_district is None:
        raise DomainError(
            _("A prosecution office belongs to a judicial district."), field="judicial_district"
        )
    organisation = Organisation.objects.create(
        name=name,
        short_name=short_name,
        names=dict(names or {}),
        type=type,
        country=country,
        region=region,
        judicial_district=judicial_district,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="organisation_create",
        record=organisation,
        purpose=Purpose.ADMINISTRATION,
        changes=field_changes(
            {},
            {
                "name": name,
                "short_name": short_name,
                "names": dict(names or {}),
                "type": type,
                "country": country,
                "region": region.pk if region else None,
                "judicial_district": judicial_district.pk if judicial_district else None,
            },
        ),
    )
    return organisation
