"""The load test's users (Locust): POMs, SPOs and leads working through the pages and the API they use,
on the national demo. `python -m bench.loadtest` prepares the sessions and runs this file headless; the plan
it writes (LOADTEST_PLAN, JSON) says who signs in where and which men they open."""

import json
import os
import random

from locust import FastHttpUser, between, task

PLAN = json.loads(open(os.environ["LOADTEST_PLAN"], encoding="utf-8").read())  # noqa: SIM115


class Staff(FastHttpUser):
    abstract = True
    role = ""
    # A person reads a page before the next: a few seconds, as people work.
    wait_time = between(1, 3)

    def on_start(self):
        self.signed_in = {"Cookie": PLAN["cookies"][self.role]}
        self.prison = PLAN["prison"]

    def page(self, name: str, path: str) -> None:
        # Not following redirects: a lost session would otherwise count as the sign-in page served.
        with self.client.get(
            path, name=name, headers=self.signed_in, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")

    def a_man(self) -> str:
        return random.choice(PLAN["people"])  # noqa: S311 - load, not security


class Pom(Staff):
    role = "POM"
    weight = 5

    @task(4)
    def caseload(self):
        self.page("caseload", f"/prisons/{self.prison}/caseload/")

    @task(6)
    def person(self):
        self.page("person", f"/people/{self.a_man()}/")

    @task(3)
    def readiness(self):
        self.page("person: readiness", f"/people/{self.a_man()}/readiness/")

    @task(2)
    def worklist(self):
        self.page("worklist: due in 12 weeks", f"/prisons/{self.prison}/worklists/due-12-weeks/")

    @task(2)
    def api_dates(self):
        self.page("API: release dates", f"/api/v1/people/{self.a_man()}/release-dates/")


class Spo(Staff):
    role = "SPO"
    weight = 3

    @task(4)
    def dashboard(self):
        self.page("readiness dashboard", f"/prisons/{self.prison}/dashboard/")

    @task(3)
    def overdue(self):
        self.page("worklist: overdue", f"/prisons/{self.prison}/worklists/overdue/")

    @task(2)
    def caseload_due(self):
        self.page("caseload, due in 12 weeks", f"/prisons/{self.prison}/caseload/?release=12-weeks&sort=rosh")

    @task(2)
    def transfers(self):
        self.page("prison transfers", f"/prisons/{self.prison}/transfers/")

    @task(2)
    def person(self):
        self.page("person", f"/people/{self.a_man()}/")

    @task(1)
    def api_worklist(self):
        self.page("API: worklist overdue", f"/api/v1/prisons/{self.prison}/worklists/overdue/")


class Lead(Staff):
    role = "National lead"
    weight = 2

    @task(3)
    def national_report(self):
        self.page("inspection report, national", "/reports/")

    @task(2)
    def prison_report(self):
        self.page("inspection report, prison", f"/prisons/{self.prison}/report/")

    @task(2)
    def projections(self):
        self.page("projections, national", "/projections/")

    @task(2)
    def transfer_plan(self):
        self.page("transfer plan", "/transfers/")

    @task(1)
    def api_people(self):
        self.page("API: people search", f"/api/v1/people/?prison={self.prison}")
