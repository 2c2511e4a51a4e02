"""The tamper-evident part of the audit trail.

Each entry gets a keyed digest (HMAC-SHA256 over its content) when it is written: no lock, no read of
any other row, so page views never wait on each other. `seal` later links unsealed entries, in id order,
into one chain: chain_hash = SHA-256(previous chain_hash + sequence + id + digest). Editing an entry
breaks its digest; deleting, inserting or reordering sealed entries breaks the chain.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from .models import AuditEntry

GENESIS = "0" * 64
CONTENT_FIELDS = (
    "at",
    "actor_id",
    "username",
    "action",
    "path",
    "ip_address",
    "query",
    "people",
    "record",
    "changes",
    "detail",
)
SEAL_BATCH = 5000


_JSON_NATIVE = (str, int, float, bool, type(None))
_ENCODER = DjangoJSONEncoder()


def json_safe(value):
    """`value` as it will read back from a JSON field, so that the digest made now matches later.

    The same as a round trip through JSON, without one: an import audits every field of 85,000 new men, and
    dumping and reading back each entry was a tenth of its cost. Values JSON does not hold (dates, decimals)
    become what DjangoJSONEncoder writes for them; anything else unusual takes the round trip."""
    if isinstance(value, _JSON_NATIVE):
        return value
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    if isinstance(value, dict) and all(type(key) is str for key in value):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, dict):
        return json.loads(json.dumps(value, cls=DjangoJSONEncoder))
    return _ENCODER.default(value)


def digest(entry: AuditEntry) -> str:
    content = {name: getattr(entry, name) for name in CONTENT_FIELDS}
    content["at"] = entry.at.isoformat()
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder)
    key = settings.RESETTLE_AUDIT_KEY.encode()
    return hmac.new(key, canonical.encode(), hashlib.sha256).hexdigest()


def link(previous: str, entry: AuditEntry) -> str:
    return hashlib.sha256(f"{previous}:{entry.sequence}:{entry.pk}:{entry.digest}".encode()).hexdigest()


def seal() -> int:
    """Chain every unsealed entry, oldest first; returns how many. One sealer at a time (row lock on the
    head of the chain where the database has one; SQLite's write lock otherwise)."""
    sealed = 0
    while True:
        with transaction.atomic():
            head = (
                AuditEntry.objects.select_for_update()
                .filter(sequence__isnull=False)
                .order_by("-sequence")
                .only("sequence", "chain_hash")
                .first()
            )
            previous, sequence = (head.chain_hash, head.sequence) if head else (GENESIS, 0)
            batch = list(
                AuditEntry.objects.filter(sequence__isnull=True)
                .order_by("id")
                .only("id", "digest")[:SEAL_BATCH]
            )
            for entry in batch:
                sequence += 1
                entry.sequence = sequence
                previous = entry.chain_hash = link(previous, entry)
                AuditEntry.objects.filter(pk=entry.pk).update(sequence=sequence, chain_hash=previous)
        sealed += len(batch)
        if len(batch) < SEAL_BATCH:
            return sealed


@dataclass(frozen=True)
class Head:
    """The last link of the chain: kept outside the database (a log, a ticket), it shows later that the
    chain was not cut short or rewritten up to that point. Written SEQUENCE:HASH."""

    sequence: int
    chain_hash: str

    def __str__(self) -> str:
        return f"{self.sequence}:{self.chain_hash}"

    @classmethod
    def parse(cls, text: str) -> "Head":
        sequence, _, chain_hash = text.strip().partition(":")
        if not (sequence.isdigit() and len(chain_hash) == 64 and set(chain_hash) <= set("0123456789abcdef")):
            raise ValueError(
                f"{text!r} is not a head of the chain: write it SEQUENCE:HASH, as `audit head` prints it"
            )
        return cls(int(sequence), chain_hash)


def head() -> Head:
    last = (
        AuditEntry.objects.filter(sequence__isnull=False).order_by("-sequence").only("sequence", "chain_hash")
    )
    entry = last.first()
    return Head(entry.sequence, entry.chain_hash) if entry else Head(0, GENESIS)


@dataclass
class Verification:
    checked: int = 0
    unsealed: int = 0
    problems: list[str] = field(default_factory=list)
    head: Head = Head(0, GENESIS)

    @property
    def intact(self) -> bool:
        return not self.problems


def verify(*, head: Head | None = None) -> Verification:
    """Every digest and every link; and, given a head recorded earlier, that the chain still reaches it
    through the same link (which a chain alone cannot show when its newest entries are deleted)."""
    result = Verification()
    previous, expected_sequence = GENESIS, 1
    for entry in AuditEntry.objects.order_by("sequence", "id").iterator(chunk_size=2000):
        if digest(entry) != entry.digest:
            result.problems.append(f"entry {entry.pk} was changed after it was written")
        if entry.sequence is None:
            result.unsealed += 1
            continue
        if entry.sequence != expected_sequence:
            result.problems.append(f"sequence {expected_sequence} is missing (next is {entry.sequence})")
        if link(previous, entry) != entry.chain_hash:
            result.problems.append(f"the chain is broken at entry {entry.pk} (sequence {entry.sequence})")
        if head is not None and entry.sequence == head.sequence and entry.chain_hash != head.chain_hash:
            result.problems.append(
                f"the entry at sequence {head.sequence} is not the one recorded in the head"
            )
        previous, expected_sequence = entry.chain_hash, entry.sequence + 1
        result.checked += 1
    result.head = Head(expected_sequence - 1, previous)
    if head is not None and result.head.sequence < head.sequence:
        result.problems.append(
            f"the chain ends at sequence {result.head.sequence}, before the head recorded at {head.sequence}: "
            "entries were removed from its end"
        )
    return result
