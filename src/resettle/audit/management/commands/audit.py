from django.core.management.base import BaseCommand, CommandError

from resettle.audit import chain


class Command(BaseCommand):
    help = (
        "The audit trail's hash chain. `seal` links new entries into the chain (web processes do it within "
        "seconds of writing; the schedule every minute); `head` seals, then prints the chain's last link "
        "(SEQUENCE:HASH) for a log outside the database; `verify [--head SEQUENCE:HASH]` checks every entry "
        "and the chain, and that it still reaches a head recorded earlier, and fails if anything was changed "
        "or removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["seal", "head", "verify"])
        parser.add_argument("--head", help="verify: a head printed earlier by `audit head`, as SEQUENCE:HASH")

    def handle(self, *args, action, head=None, **options):
        if action == "seal":
            self.stdout.write(f"Sealed {chain.seal():,} audit entries")
            return
        if action == "head":
            chain.seal()
            self.stdout.write(str(chain.head()))
            return
        try:
            recorded = chain.Head.parse(head) if head else None
        except ValueError as error:
            raise CommandError(str(error)) from None
        result = chain.verify(head=recorded)
        for problem in result.problems:
            self.stderr.write(problem)
        if not result.intact:
            raise CommandError(f"The audit trail has been tampered with: {len(result.problems)} problems")
        self.stdout.write(
            f"Audit trail intact: {result.checked:,} sealed entries verified, {result.unsealed:,} awaiting sealing "
            f"(their own digests verified); head of the chain {result.head}"
            + (f", which reaches the head given ({recorded})" if recorded else "")
        )
