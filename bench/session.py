"""The signed-in session the page benchmarks use: an SPO of the busiest prison, past the second factor."""


def busiest_prison():
    from django.db.models import Count, Q

    from resettle.estate.models import Prison

    return (
        Prison.objects.annotate(held=Count("people", filter=Q(people__status__in=["IN_CUSTODY", "RECALLED"])))
        .order_by("-held")
        .first()
    )


def signed_in_cookie(prison, role: str = "SPO") -> str:
    """A session cookie for a user of `role` at `prison` (an SPO by default), as a browser would hold it
    after signing in with a code."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from resettle.accounts.roles import Role

    role = Role(role)
    user, _ = get_user_model().objects.update_or_create(
        username=f"bench-{role.name.lower()}", defaults={"caseload_prison": prison, "is_active": True}
    )
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    device, _ = TOTPDevice.objects.get_or_create(user=user, defaults={"name": "bench", "confirmed": True})
    client = Client()
    client.force_login(user)
    # Production settings require the second factor: mark the session as having given it.
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return f"sessionid={session.session_key}"
