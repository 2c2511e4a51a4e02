from django.contrib import admin

from .models import Prison, ProbationDeliveryUnit, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]


@admin.register(ProbationDeliveryUnit)
class ProbationDeliveryUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


@admin.register(Prison)
class PrisonAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region", "category", "operational_capacity", "is_resettlement_prison"]
    list_filter = ["region", "category", "estate", "is_resettlement_prison", "accepts_sexual_offences"]
    search_fields = ["name", "code"]
    filter_horizontal = ["release_areas_served"]
