from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "caseload_prison", "is_active", "is_staff"]
    fieldsets = [*DjangoUserAdmin.fieldsets, ("Resettle", {"fields": ["caseload_prison"]})]
    raw_id_fields = ["caseload_prison"]
