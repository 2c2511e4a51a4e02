from django.urls import path

from . import views

urlpatterns = [
    path("sign-in", views.sign_in, name="login"),
    path("sign-out", views.sign_out, name="logout"),
    path("sign-in/two-factor/set-up", views.two_factor_setup, name="two-factor-setup"),
    path("sign-in/two-factor", views.two_factor_verify, name="two-factor-verify"),
]
