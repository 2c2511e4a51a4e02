"""Two-factor sign-in with a time-based code (TOTP, RFC 6238) from an authenticator app.

Every signed-in user gives a second factor before any other page (resettle.accounts.middleware), unless
RESETTLE_REQUIRE_TWO_FACTOR is off, which only the local demo does.
"""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.audit.models import Action
from resettle.audit.recorder import record

DEVICE_NAME = "Authenticator app"


def device_being_enrolled(user) -> TOTPDevice:
    """The user's unconfirmed device, made on first visit and kept until he confirms a code from it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


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


def confirm(request, device: TOTPDevice, code: str) -> bool:
    if not device.verify_token(code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
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
