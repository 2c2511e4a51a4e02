"""Two-factor sign-in with a time-based code (TOTP, RFC 6238) from an authenticator app.

Every signed-in user gives a second factor before any other page (resettle.accounts.middleware), unless
RESETTLE_REQUIRE_TWO_FACTOR is off, which only the local demo does.

Enrolment needs a one-time code from an administrator (`resettle enrolment-code USER`, or the admin site's
action on users), given to the user in person or by a channel apart from his password: knowing the
password alone is not enough to register an authenticator. Each showing of the set-up page makes a new
key, so a key seen over a shoulder or left on a screen is worth nothing once the page is left.
"""

import hashlib
import secrets
from base64 import b32encode
from datetime import timedelta

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.audit.models import Action
from resettle.audit.recorder import record

from .models import EnrolmentCode

DEVICE_NAME = "Authenticator app"
ENROLMENT_CODE_LIFETIME = timedelta(days=3)
# Letters and digits that cannot be misread for one another (no 0/O, 1/I/L), in groups of four.
ENROLMENT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ENROLMENT_CODE_LENGTH = 12


def _digest(code: str) -> str:
    return hashlib.sha256(normalised(code).encode()).hexdigest()


def normalised(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()


def issue_enrolment_code(user, *, by=None) -> str:
    """A new one-time enrolment code for `user`, replacing any he has not used; shown once, kept hashed.
    Audited by the trail's tracking of EnrolmentCode (resettle.audit.apps)."""
    now = timezone.now()
    for earlier in EnrolmentCode.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now):
        earlier.expires_at = now
        earlier.save(update_fields=["expires_at"])
    code = "".join(secrets.choice(ENROLMENT_ALPHABET) for _ in range(ENROLMENT_CODE_LENGTH))
    EnrolmentCode.objects.create(
        user=user, code_hash=_digest(code), issued_by=by, expires_at=now + ENROLMENT_CODE_LIFETIME
    )
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def valid_enrolment_code(user, code: str) -> EnrolmentCode | None:
    """The user's unused, unexpired enrolment code that `code` is, or None, audited as a failure."""
    found = EnrolmentCode.objects.filter(
        user=user, code_hash=_digest(code), used_at__isnull=True, expires_at__gt=timezone.now()
    ).first()
    if found is None:
        record(Action.SIGN_IN_FAILED, user=user, detail="Wrong or expired enrolment code")
    return found


def enrolment_in_progress(user, code_id) -> EnrolmentCode | None:
    """The enrolment code he gave earlier in this session, while it is still unused and unexpired."""
    if code_id is None:
        return None
    return EnrolmentCode.objects.filter(
        pk=code_id, user=user, used_at__isnull=True, expires_at__gt=timezone.now()
    ).first()


def fresh_device(user) -> TOTPDevice:
    """A new unconfirmed device with a new key, for one showing of the set-up page: any earlier
    unconfirmed one, and its key, is thrown away."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def device_shown(user, device_id) -> TOTPDevice | None:
    if device_id is None:
        return None
    return TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()


def is_enrolled(user) -> bool:
    return user_has_device(user)


def setup_key(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app that cannot scan."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The enrolment QR code as inline SVG: a single path, no script or style, so the CSP allows it."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return svg.replace(
        "<svg ", '<svg class="app-qr-code" role="img" aria-label="QR code to scan with your app" ', 1
    )


def confirm(request, device: TOTPDevice, code: str, enrolment: EnrolmentCode) -> bool:
    """Confirm the device with a code from it, using up the enrolment code that allowed it."""
    if not device.verify_token(code):
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        enrolment.used_at = timezone.now()
        enrolment.save(update_fields=["used_at"])
    otp_login(request, device)
    return True


def verify(request, code: str):
    """The device that accepts `code` (and marks the session verified), or None, audited as a failure."""
    device = match_token(request.user, code)
    if device is None:
        record(Action.SIGN_IN_FAILED, request=request, detail="Wrong two-factor code")
        return None
    otp_login(request, device)
    return device
