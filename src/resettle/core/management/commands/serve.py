"""Serve Resettle with gunicorn, the same way in development, benchmarks and production."""

import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the web application with gunicorn (host and port from --bind or HOST/PORT)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")))

    def handle(self, *args, host, port, workers, threads, **options):
        from gunicorn.app.wsgiapp import WSGIApplication

        argv = [
            "gunicorn",
            "config.wsgi:application",
            f"--bind={host}:{port}",
            f"--workers={workers}",
            f"--threads={threads}",
            "--timeout=60",
        ]
        if options["verbosity"] > 1:
            argv.append("--access-logfile=-")
        self.stdout.write(f"Resettle is serving on http://{host}:{port}/ ({workers} workers)")
        sys.argv = argv
        WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").run()
