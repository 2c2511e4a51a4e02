from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from . import two_factor
from .models import User

# What would let an administrator give himself powers: another administrator must change these for him.
OWN_POWERS = ("groups", "user_permissions", "is_superuser", "is_staff")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Users, their roles (groups) and scope. Every change is in the audit trail (resettle.audit.apps)."""

    list_display = ["username", "first_name", "last_name", "caseload_prison", "is_active", "is_staff"]
    fieldsets = [*DjangoUserAdmin.fieldsets, ("Resettle", {"fields": ["caseload_prison"]})]
    raw_id_fields = ["caseload_prison"]
    # Shown, never edited: the form's round trip would cut their microseconds off, a change nobody made.
    readonly_fields = ["last_login", "date_joined"]
    actions = ["issue_enrolment_code"]

    def get_readonly_fields(self, request, obj=None):
        """Two people for a role: nobody changes his own roles, permissions or superuser flag."""
        fields = [*super().get_readonly_fields(request, obj)]
        if obj is not None and obj.pk == request.user.pk:
            fields.extend(OWN_POWERS)
        return fields

    @admin.action(description="Issue a two-factor enrolment code")
    def issue_enrolment_code(self, request, queryset):
        """A one-time code for each user chosen to set up his authenticator with, shown once; never one
        for oneself, which would let whoever has an administrator's password enrol in his name."""
        for user in queryset:
            if user.pk == request.user.pk:
                self.message_user(request, "Another administrator must issue your own code", messages.ERROR)
                continue
            code = two_factor.issue_enrolment_code(user, by=request.user)
            self.message_user(
                request,
                f"Enrolment code for {user.username}: {code}. It works once, for "
                f"{two_factor.ENROLMENT_CODE_LIFETIME.days} days: give it to him apart from his password.",
                messages.WARNING,
            )
