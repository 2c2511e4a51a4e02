from django.contrib import admin

from resettle.people import models as people
from resettle.staff.models import Allocation

from .models import AccommodationPlan
from .services import facts_changed


@admin.register(AccommodationPlan)
class AccommodationPlanAdmin(admin.ModelAdmin):
    list_display = ["person", "category", "confirmed_on"]
    list_filter = ["category"]
    raw_id_fields = ["person"]


def _people_of(obj) -> set[int]:
    """The man whose facts an admin edit of `obj` (or of its inline rows) changes."""
    if isinstance(obj, people.Person):
        return {obj.pk}
    if isinstance(obj, people.Booking):
        return {obj.person_id}
    if isinstance(obj, people.Sentence | people.Adjustment | people.RecordedKeyDates):
        return set(people.Booking.objects.filter(pk=obj.booking_id).values_list("person_id", flat=True))
    if isinstance(obj, people.Offence):
        return set(
            people.Sentence.objects.filter(pk=obj.sentence_id).values_list("booking__person_id", flat=True)
        )
    return {obj.person_id}  # RiskProfile, Allocation


class RefreshesFacts:
    """An admin edit to a man's facts refreshes his dates and readiness once it commits, as every other
    writer does: called here, after the edit and its inlines are saved."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        facts_changed(_people_of(form.instance))

    def delete_model(self, request, obj):
        people = _people_of(obj)
        super().delete_model(request, obj)
        facts_changed(people)

    def delete_queryset(self, request, queryset):
        people = set().union(*(_people_of(obj) for obj in queryset))
        super().delete_queryset(request, queryset)
        facts_changed(people)


# The people and staff apps sit below plans and cannot call it; their admin is given the refresh here.
for _model in (people.Person, people.Booking, people.Offence, people.RiskProfile, Allocation):
    if admin.site.is_registered(_model):
        _kind = type(admin.site.get_model_admin(_model))
        admin.site.unregister(_model)
        admin.site.register(_model, type(_kind.__name__, (RefreshesFacts, _kind), {}))
