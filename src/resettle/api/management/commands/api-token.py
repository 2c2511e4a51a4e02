"""`resettle api-token issue|list|revoke`: the tokens systems use to call the API as one of Resettle's users."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from resettle.api import tokens
from resettle.api.models import ApiToken


class Command(BaseCommand):
    help = (
        "Issue, list or revoke API tokens. A token acts as its user, with his roles and scope: give a system "
        "a user of its own with only the roles it needs."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        issue = actions.add_parser("issue", help="issue a token and print it (it is shown only once)")
        issue.add_argument("--user", required=True, help="the username it acts as")
        issue.add_argument("--name", required=True, help="what will use it, e.g. 'nDelius nightly sync'")
        issue.add_argument("--expires", type=date.fromisoformat, help="last day it works, YYYY-MM-DD")
        actions.add_parser("list", help="list tokens (never their secrets)")
        revoke = actions.add_parser("revoke", help="revoke a token by its prefix")
        revoke.add_argument("prefix")

    def handle(self, *args, action, **options):
        getattr(self, action)(**options)

    def issue(self, *, user, name, expires, **options):
        holder = get_user_model().objects.filter(username=user, is_active=True).first()
        if holder is None:
            raise CommandError(f"No active user called {user}")
        # The audit trail records the new token, as every change to a token (resettle.audit.apps).
        token, secret = tokens.issue(holder, name, expires_on=expires)
        self.stdout.write(secret)
        self.stderr.write(
            f"Issued {token}. Keep the token secret: it is not stored and cannot be shown again."
        )

    def list(self, **options):
        for token in ApiToken.objects.select_related("user").order_by("created_at"):
            state = (
                "revoked"
                if token.revoked_at
                else f"expires {token.expires_on}"
                if token.expires_on
                else "live"
            )
            self.stdout.write(f"{token.prefix}  {token.user.username:20}  {token.name:40}  {state}")

    def revoke(self, *, prefix, **options):
        live = list(ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True))
        if not live:
            raise CommandError(f"No live token starts {prefix}")
        for token in live:  # saved one by one, so that the audit trail records each with before and after
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
        self.stdout.write(f"Revoked {prefix}")
