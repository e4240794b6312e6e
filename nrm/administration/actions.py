"""Administrators' writes: accounts, memberships and organisations. No case content here."""

from __future__ import annotations

import secrets

from axes.utils import reset as axes_reset
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record, field_changes
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Purpose
from nrm.access.policy import Ability, decide
from nrm.accounts.lockout import lockout_key_for
from nrm.accounts.models import User
from nrm.api.actions import api_tokens_end_for_user
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.organisations.models import (
    ROLES_BY_ORGANISATION_TYPE,
    JudicialDistrict,
    Membership,
    Organisation,
    OrganisationType,
    Region,
)


def _require(actor: Actor, ability: Ability) -> None:
    decision = decide(actor, ability)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)


def initial_password() -> str:
    """A one-time password the administrator hands over; it must be changed at first sign-in."""
    return secrets.token_urlsafe(12)


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str | None = None,
) -> tuple[User, str]:
    _require(actor, Ability.USERS_MANAGE)
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("That username is taken."), field="username")
    password = password or initial_password()
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        must_change_password=True,
    )
    user.set_password(password)
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
    return user, password


@transaction.atomic
def user_password_reset(*, actor: Actor, user: User) -> str:
    """A new one-time password; the second factor must be enrolled again too."""
    _require(actor, Ability.USERS_MANAGE)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    password = initial_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    TOTPDevice.objects.filter(user=user).delete()
    axes_reset(username=lockout_key_for(user.username))
    api_tokens_end_for_user(actor=actor, user_id=user.pk, reason="user_password_reset")
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="user_password_reset",
        record=user,
        purpose=Purpose.ADMINISTRATION,
        changes={
            "password": {"old": "(hidden)", "new": "(reset)"},
            "second_factor": {"old": "(any)", "new": None},
        },
    )
    return password


@transaction.atomic
def user_unlock(*, actor: Actor, user: User) -> None:
    _require(actor, Ability.USERS_MANAGE)
    axes_reset(username=lockout_key_for(user.username))
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
    _require(actor, Ability.USERS_MANAGE)
    allowed = ROLES_BY_ORGANISATION_TYPE.get(organisation.type, frozenset())
    if role not in allowed:
        raise DomainError(
            _("The role %(role)s does not exist in an organisation of type %(type)s.")
            % {"role": role, "type": organisation.get_type_display()},
            field="role",
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, organisation=organisation, role=role)
    except IntegrityError as exc:
        raise Conflict(_("This user already has that role in that organisation.")) from exc
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="membership_grant",
        record=membership,
        purpose=Purpose.ADMINISTRATION,
        changes={"user": user.pk, "organisation": organisation.pk, "role": role},
    )
    return membership


@transaction.atomic
def membership_end(*, actor: Actor, membership: Membership) -> Membership:
    _require(actor, Ability.USERS_MANAGE)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.ended_at is None:
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
                "type": type,
                "country": country,
                "region": region.pk if region else None,
                "judicial_district": judicial_district.pk if judicial_district else None,
            },
        ),
    )
    return organisation
