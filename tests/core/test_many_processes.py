"""Many processes, one database (issue 14 §3): two web processes and a Celery worker against one
PostgreSQL and one Redis on loopback. Two writers racing on one plan record through different processes
lose nothing and duplicate nothing; an import uploaded on one process, done by the worker and followed on
the other, stores each record once."""

import json
import os
import re
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection
from django.test import Client

from resettle.accounts.roles import Role
from resettle.api import tokens
from resettle.audit.models import Action, AuditEntry
from resettle.core.jobs import Job, RunStatus
from resettle.people.models import Person
from resettle.plans.models import AccommodationPlan
from tests.core.test_health import redis_answers
from tests.core.test_serve import free_port
from tests.interop.conftest import prisoner
from tests.security.conftest import estate  # noqa: F401  (an estate with a user of every role)
from tests.security.users import sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="many processes share a PostgreSQL database, not an in-memory SQLite one",
    ),
    pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379"),
]

BIN = Path(sys.executable).parent
STARTUP_SECONDS = 60
RACERS = 8


def environment(queue: str) -> dict[str, str]:
    """The test's own settings and database, with a broker and a queue of this test's own."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "DATABASE_URL": url,
        "RESETTLE_TEST_BROKER_URL": "redis://127.0.0.1:6379/0",
        "RESETTLE_TEST_QUEUE": queue,
        "SECRET_KEY": settings.SECRET_KEY,
    }


def wait_for(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            if requests.get(url, timeout=10).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        assert process.poll() is None, f"{process.args} stopped"
        assert time.monotonic() < deadline, f"{url} did not answer in {STARTUP_SECONDS} s"
        time.sleep(0.3)


@contextmanager
def started(arguments: list[str], env: dict[str, str], *, ready_url: str | None = None):
    process = subprocess.Popen(arguments, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if ready_url:
            wait_for(ready_url, process)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def processes(django_db_setup):
    """Two web processes and one worker; yields the web processes' addresses."""
    env = environment(queue=f"resettle-test-{uuid.uuid4().hex[:8]}")
    with ExitStack() as stack:
        servers = []
        for _ in range(2):
            port = free_port()
            stack.enter_context(
                started(
                    [str(BIN / "resettle"), "serve", "--port", str(port), "--workers", "2"],
                    env,
                    ready_url=f"http://127.0.0.1:{port}/health/ready",
                )
            )
            servers.append(f"http://127.0.0.1:{port}")
        stack.enter_context(
            started(
                [
                    str(BIN / "celery"),
                    "-A",
                    "config",
                    "worker",
                    "--pool=solo",
                    "-Q",
                    env["RESETTLE_TEST_QUEUE"],
                ],
                env,
            )
        )
        yield servers


def test_a_plan_record_race_across_processes_loses_and_duplicates_nothing(estate, processes):  # noqa: F811
    """Eight writers read the same version and write at once, half through each process: exactly one wins,
    the rest are told 412, and the record holds the winner's write alone. Then eight writes one after
    another, alternating processes, each over the version the last returned: all eight land, in order."""
    _, secret = tokens.issue(estate.users[Role.SPO], "race")
    headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}
    path = f"/api/v1/people/{estate.man.prison_number}/plan/accommodation/"
    created = requests.put(
        processes[0] + path, json={"category": "SETTLED"}, headers={**headers, "If-None-Match": "*"}
    )
    assert created.status_code == 201
    etag = created.headers["ETag"]

    def write(n: int) -> requests.Response:
        return requests.patch(
            processes[n % 2] + path, json={"address": f"Racer {n}"}, headers={**headers, "If-Match": etag}
        )

    with ThreadPoolExecutor(RACERS) as pool:
        answers = list(pool.map(write, range(RACERS)))

    assert sorted(a.status_code for a in answers) == [200] + [412] * (RACERS - 1)
    (winner,) = [n for n, a in enumerate(answers) if a.status_code == 200]
    assert AccommodationPlan.objects.get(person=estate.man).address == f"Racer {winner}"

    etag = answers[winner].headers["ETag"]
    for n in range(RACERS):
        answer = requests.patch(
            processes[n % 2] + path, json={"address": f"Turn {n}"}, headers={**headers, "If-Match": etag}
        )
        assert answer.status_code == 200, answer.text
        etag = answer.headers["ETag"]
    plan = AccommodationPlan.objects.get(person=estate.man)
    assert plan.address == f"Turn {RACERS - 1}" and etag == f'"{1 + 1 + RACERS}"'
    writes = AuditEntry.objects.filter(record__startswith="plans.AccommodationPlan:")
    assert writes.filter(action=Action.CREATE).count() == 1
    assert writes.filter(action=Action.CHANGE).count() == 1 + RACERS  # the racer who won, and every turn


def test_an_import_uploaded_on_one_process_is_done_once_by_the_worker(estate, processes):  # noqa: F811
    records = [
        prisoner(f"A{n:04d}ZZ", bookingId=str(3_100_000 + n), prisonId=estate.prison.code) for n in range(40)
    ]
    browser = requests.Session()
    admin = sign_in(Client(), estate.users[Role.ADMINISTRATOR])
    browser.cookies.set(settings.SESSION_COOKIE_NAME, admin.cookies[settings.SESSION_COOKIE_NAME].value)
    form = browser.get(processes[0] + "/import/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)

    uploaded = browser.post(
        processes[0] + "/import/",
        data={"csrfmiddlewaretoken": token},
        files={"files": ("receptions.ndjson", "\n".join(json.dumps(r) for r in records) + "\n")},
        headers={"Referer": processes[0] + "/import/"},
        allow_redirects=False,
    )
    assert uploaded.status_code == 302, uploaded.text[:500]
    progress = uploaded.headers["Location"]
    assert re.fullmatch(r"/import/jobs/\d+/", progress)

    deadline = time.monotonic() + 60
    while True:  # followed on the other process, as a load balancer may send the next request
        page = browser.get(processes[1] + progress, allow_redirects=False)
        if page.status_code == 302:
            break
        assert page.status_code == 200 and "Import failed" not in page.text
        assert time.monotonic() < deadline, "the import did not finish within a minute"
        time.sleep(0.5)
    assert page.headers["Location"] == "/import/report/"

    job = Job.objects.get(command="import")
    assert (job.status, job.attempts) == (RunStatus.FINISHED, 1)
    assert job.result["counts"] == {"prisoner stored": len(records)}
    assert Person.objects.filter(prison_number__endswith="ZZ").count() == len(records)
    assert AuditEntry.objects.filter(action=Action.IMPORT).count() == 1
