from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import views as auth
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from . import two_factor
from .access import PUBLIC, SIGNING_IN, access
from .forms import EnrolmentCodeForm, SignInForm, TwoFactorCodeForm

sign_in = access(PUBLIC)(
    auth.LoginView.as_view(
        template_name="accounts/sign_in.html",
        authentication_form=SignInForm,
        redirect_authenticated_user=True,
    )
)
sign_out = access(SIGNING_IN)(auth.LogoutView.as_view())


def _next_page(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, require_https=request.is_secure())
    return wanted if safe else settings.LOGIN_REDIRECT_URL


# The enrolment code he gave, and the device whose key the set-up page showed him, for this session.
ENROLMENT_CODE = "two_factor_enrolment_code"
DEVICE_SHOWN = "two_factor_device_shown"


@access(SIGNING_IN)
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Enrolment: first the administrator's one-time code, then a new key on every showing, confirmed by
    a code from the app."""
    if two_factor.is_enrolled(request.user):
        # A second device is added, or a lost one replaced, by an administrator resetting the old one.
        return redirect("two-factor-verify")
    enrolment = two_factor.enrolment_in_progress(request.user, request.session.get(ENROLMENT_CODE))
    if enrolment is None:
        return _enrolment_code(request)
    if request.method == "POST":
        device = two_factor.device_shown(request.user, request.session.get(DEVICE_SHOWN))
        if device is None:
            return redirect(_setup_url(request))
        form = TwoFactorCodeForm(
            lambda code: device if two_factor.confirm(request, device, code, enrolment) else None,
            request.POST,
        )
        if form.is_valid():
            for key in (ENROLMENT_CODE, DEVICE_SHOWN):
                request.session.pop(key, None)
            return redirect(_next_page(request))
    else:
        device = two_factor.fresh_device(request.user)
        request.session[DEVICE_SHOWN] = device.pk
        form = TwoFactorCodeForm(lambda code: None)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_svg(device),
            "setup_key": two_factor.setup_key(device),
            "next": _next_page(request),
        },
    )


def _setup_url(request) -> str:
    return f"{reverse('two-factor-setup')}?{urlencode({'next': _next_page(request)})}"


def _enrolment_code(request):
    form = EnrolmentCodeForm(
        lambda code: two_factor.valid_enrolment_code(request.user, code), request.POST or None
    )
    if form.is_valid():
        request.session[ENROLMENT_CODE] = form.checked.pk
        return redirect(_setup_url(request))
    return render(
        request, "accounts/two_factor_enrolment_code.html", {"form": form, "next": _next_page(request)}
    )


@access(SIGNING_IN)
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    if not two_factor.is_enrolled(request.user):
        return redirect("two-factor-setup")
    form = TwoFactorCodeForm(lambda code: two_factor.verify(request, code), request.POST or None)
    if form.is_valid():
        return redirect(_next_page(request))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next_page(request)})
