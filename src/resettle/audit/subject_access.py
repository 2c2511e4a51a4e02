"""A subject access export: everything Resettle holds about one man, as JSON.

"Everything" is found the way a deletion would find it: every row that refers to him, however
indirectly, through a cascading relation. A model added later that refers to a person is included
without anyone remembering to add it here.
"""

from django.contrib.admin.utils import NestedObjects
from django.core import serializers
from django.db import router
from django.utils import timezone

from resettle.people.models import Person

from .models import AuditEntry


def everything_held_about(person: Person) -> dict:
    collector = NestedObjects(using=router.db_for_read(Person))
    collector.collect([person])
    records: dict[str, list] = {}
    for model, rows in sorted(collector.data.items(), key=lambda item: item[0]._meta.label):
        serialised = serializers.serialize("python", sorted(rows, key=lambda row: row.pk))
        records[model._meta.label] = [{"id": row["pk"], **row["fields"]} for row in serialised]
    audit = AuditEntry.objects.filter(people__icontains=f'"{person.prison_number}"').order_by("id")
    return {
        "prison_number": person.prison_number,
        "exported_at": timezone.now(),
        "records": records,
        "audit_trail": [
            {
                "at": entry.at,
                "by": entry.username,
                "action": entry.get_action_display(),
                "path": entry.path,
                "record": entry.record,
                "changes": entry.changes,
            }
            for entry in audit
        ],
    }
