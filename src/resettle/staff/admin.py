from django.contrib import admin

from .models import Allocation, StaffMember


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "role", "prison", "pdu", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["last_name", "first_name", "email"]
    raw_id_fields = ["prison", "pdu", "user"]


@admin.register(Allocation)
class AllocationAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "staff", "allocated_on", "ended_on"]
    list_filter = ["role"]
    search_fields = ["person__prison_number", "staff__last_name"]
    raw_id_fields = ["person", "staff", "allocated_by"]
