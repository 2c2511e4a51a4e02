from django.core.management.base import BaseCommand, CommandError

from resettle.audit import chain


class Command(BaseCommand):
    help = (
        "The audit trail's hash chain. `seal` links new entries into the chain (run it every minute); "
        "`verify` checks every entry and the chain, and fails if anything was changed or removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["seal", "verify"])

    def handle(self, *args, action, **options):
        if action == "seal":
            self.stdout.write(f"Sealed {chain.seal():,} audit entries")
            return
        result = chain.verify()
        for problem in result.problems:
            self.stderr.write(problem)
        if not result.intact:
            raise CommandError(f"The audit trail has been tampered with: {len(result.problems)} problems")
        self.stdout.write(
            f"Audit trail intact: {result.checked:,} sealed entries verified, {result.unsealed:,} awaiting sealing "
            f"(their own digests verified); head of the chain {result.head}"
        )
