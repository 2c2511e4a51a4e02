"""Filters for the people search, named as the caseload's filters are."""

import django_filters

from resettle.people.models import Person
from resettle.people.selectors import name_or_number
from resettle.people.vocabulary import CustodyStatus, RoshLevel


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Name or prison number")
    prison = django_filters.CharFilter(field_name="current_prison__code", label="Prison code, e.g. DAI")
    status = django_filters.ChoiceFilter(choices=CustodyStatus.choices)
    release_from = django_filters.DateFilter(field_name="earliest_release_date", lookup_expr="gte")
    release_to = django_filters.DateFilter(field_name="earliest_release_date", lookup_expr="lte")
    rosh = django_filters.ChoiceFilter(field_name="risk__rosh_level", choices=RoshLevel.choices)
    mappa_category = django_filters.NumberFilter(field_name="risk__mappa_category")
    mappa_level = django_filters.NumberFilter(field_name="risk__mappa_level")

    class Meta:
        model = Person
        fields = [
            "q",
            "prison",
            "status",
            "release_from",
            "release_to",
            "rosh",
            "mappa_category",
            "mappa_level",
        ]

    def search(self, queryset, name, value):
        return queryset.filter(name_or_number(value))
