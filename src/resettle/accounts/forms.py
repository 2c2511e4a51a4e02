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
