from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError


class SignInForm(AuthenticationForm):
    """Django's sign-in form with messages in GOV.UK style: say what to do, and never which part was wrong."""

    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "Your account has been disabled. Ask your local administrator to restore it",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, auto_id="%s", **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean(self):
        # A failed sign-in is shown on the username field, so that the error summary has an input to link to.
        try:
            return super().clean()
        except ValidationError as error:
            self.add_error("username", error)
            return self.cleaned_data


class CheckedCodeForm(forms.Form):
    """A form of one code, which `check` turns into what it stands for (a device, an enrolment) or None."""

    def __init__(self, check, *args, **kwargs):
        super().__init__(*args, auto_id="%s", **kwargs)
        self.check = check
        self.checked = None

    def _checked(self, code: str, refusal: str) -> str:
        self.checked = self.check(code)
        if self.checked is None:
            raise ValidationError(refusal)
        return code


class TwoFactorCodeForm(CheckedCodeForm):
    """The six-digit code from an authenticator app, checked against the user's device."""

    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=6,
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app",
            "max_length": "Enter the code as 6 digits, like 123456",
        },
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isdigit()):
            raise ValidationError("Enter the code as 6 digits, like 123456")
        return self._checked(code, "The code is not right or has expired: enter the code your app shows now")


class EnrolmentCodeForm(CheckedCodeForm):
    """The one-time code an administrator issued, checked against his unused codes."""

    enrolment_code = forms.CharField(
        label="Enrolment code",
        max_length=30,
        error_messages={
            "required": "Enter the enrolment code your administrator gave you",
            "max_length": "Enrolment code must be 30 characters or fewer",
        },
    )

    def clean_enrolment_code(self) -> str:
        return self._checked(
            self.cleaned_data["enrolment_code"],
            "The enrolment code is not right, has been used or has expired: ask your administrator for a new one",
        )
