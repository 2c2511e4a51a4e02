from django.contrib.auth import views as auth

from .forms import SignInForm

sign_in = auth.LoginView.as_view(
    template_name="accounts/sign_in.html", authentication_form=SignInForm, redirect_authenticated_user=True
)
sign_out = auth.LogoutView.as_view()
