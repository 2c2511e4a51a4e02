from django.contrib import admin

from .models import AccommodationPlan


@admin.register(AccommodationPlan)
class AccommodationPlanAdmin(admin.ModelAdmin):
    list_display = ["person", "category", "confirmed_on"]
    list_filter = ["category"]
    raw_id_fields = ["person"]
