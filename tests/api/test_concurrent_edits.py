"""Two writers at once, each on his own connection, both sending the ETag they read: one change is saved,
the other gets 412 and nothing of his is written. On PostgreSQL, where writers really do run at once (the
sequential case, on every database, is in test_api)."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from resettle.accounts.roles import Role
from resettle.plans.models import AccommodationPlan
from tests.api.conftest import token_client

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer at a time"),
]


def test_of_two_simultaneous_writers_one_wins_and_the_other_is_told(estate, man):
    url = f"/api/v1/people/{man.prison_number}/plan/accommodation/"
    spo, pom = token_client(estate.users[Role.SPO]), token_client(estate.users[Role.POM])
    spo.put(url, {"category": "SETTLED"}, format="json", HTTP_IF_NONE_MATCH="*")
    etag = spo.get(url)["ETag"]
    start, answers = threading.Barrier(2), {}

    def write(name: str, client: APIClient) -> None:
        try:
            start.wait()
            answers[name] = client.patch(
                url, {"address": name}, format="json", HTTP_IF_MATCH=etag
            ).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=pair) for pair in (("spo", spo), ("pom", pom))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers.values()) == [200, 412]
    winner = next(name for name, status in answers.items() if status == 200)
    plan = AccommodationPlan.objects.get(person=man)
    assert plan.address == winner and plan.version == 2
