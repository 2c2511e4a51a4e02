from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Background jobs, for administrators to see what ran and what failed with its error. Read-only: a
    job is queued by the page or schedule that owns it."""

    list_display = ["command_line", "status", "requested_by", "queued_at", "finished_at", "attempts"]
    list_filter = ["status", "command"]
    fields = list_display[:3] + ["queued_at", "started_at", "finished_at", "done", "total", "error", "result"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
