"""Serve Resettle with gunicorn, the same way in development, benchmarks and production."""

import os
import sys

from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve the web application with gunicorn (host and port from --host/--port or HOST/PORT), after "
        "collecting the static files when production's hashed names need a manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")))

    def handle(self, *args, host, port, workers, threads, **options):
        from gunicorn.app.wsgiapp import WSGIApplication

        # Without DEBUG every page names its styles by the manifest's hashed names, and a page whose file is
        # missing from it fails: the files are collected here, every start, so that no deployment can
        # start without them or with an old release's (a few seconds; unchanged files are not copied).
        if isinstance(staticfiles_storage, ManifestFilesMixin):
            self.stdout.write("Collecting static files")
            call_command("collectstatic", interactive=False, verbosity=0)
        argv = [
            "gunicorn",
            "config.wsgi:application",
            f"--bind={host}:{port}",
            f"--workers={workers}",
            f"--threads={threads}",
            "--timeout=60",
            # No limit on the request line (gunicorn's own is about 4,000 characters, refused with a bare
            # "URI Too Long"): the application refuses an address too long with its own page
            # (resettle.core.errors.MAX_ADDRESS_CHARACTERS), and a search too long with a form error.
            "--limit-request-line=0",
        ]
        if options["verbosity"] > 1:
            argv.append("--access-logfile=-")
        self.stdout.write(f"Resettle is serving on http://{host}:{port}/ ({workers} workers)")
        sys.argv = argv
        WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").run()
