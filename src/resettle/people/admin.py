from django.contrib import admin

from .models import Adjustment, Booking, Offence, Person, RecordedKeyDates, RiskProfile, Sentence


class BookingInline(admin.TabularInline):
    model = Booking
    extra = 0
    show_change_link = True


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = [
        "prison_number",
        "last_name",
        "first_name",
        "status",
        "current_prison",
        "earliest_release_date",
    ]
    list_filter = ["status", "legal_status", "current_prison__region"]
    search_fields = ["prison_number", "last_name", "first_name", "crn"]
    list_select_related = ["current_prison"]
    raw_id_fields = ["current_prison", "release_area"]
    readonly_fields = ["earliest_release_date", "earliest_release_type"]
    inlines = [BookingInline]


class SentenceInline(admin.StackedInline):
    model = Sentence
    extra = 0
    raw_id_fields = ["consecutive_to"]


class AdjustmentInline(admin.TabularInline):
    model = Adjustment
    extra = 0
    raw_id_fields = ["sentence"]


class RecordedKeyDatesInline(admin.StackedInline):
    model = RecordedKeyDates


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["booking_id", "person", "is_active", "received_on", "released_on"]
    search_fields = ["booking_id", "person__prison_number"]
    raw_id_fields = ["person", "released_from"]
    inlines = [RecordedKeyDatesInline, SentenceInline, AdjustmentInline]


@admin.register(Offence)
class OffenceAdmin(admin.ModelAdmin):
    list_display = ["description", "offence_code", "committed_on", "is_sexual", "is_violent"]
    search_fields = ["description", "offence_code"]
    raw_id_fields = ["sentence"]


@admin.register(RiskProfile)
class RiskProfileAdmin(admin.ModelAdmin):
    list_display = [
        "person",
        "rosh_level",
        "tier",
        "mappa_category",
        "mappa_level",
        "subject_to_notification",
    ]
    list_filter = ["rosh_level", "mappa_category", "mappa_level", "subject_to_notification"]
    search_fields = ["person__prison_number", "person__last_name"]
    raw_id_fields = ["person"]
