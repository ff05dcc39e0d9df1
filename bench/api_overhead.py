"""Time the API's poll detail (GET /api/v1/peilingen/{id}) per call, and what Django REST
framework adds to it: the same answer from a plain Django view with the same look-ups and a
hand-written dict, called the same way. In process (no sockets), so only our code is timed.

Run: .venv/bin/python bench/api_overhead.py            (SQLite in a scratch folder)
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/bp_api_bench .venv/bin/python bench/api_overhead.py
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
tmp = tempfile.mkdtemp()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"

import logging  # noqa: E402

import django  # noqa: E402

django.setup()
logging.disable(logging.INFO)

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402

from buurtpeil.api.selectors import api_token_by_key  # noqa: E402
from buurtpeil.api.services import api_token_create, api_token_used  # noqa: E402
from buurtpeil.api.views import PollDetail  # noqa: E402
from buurtpeil.organisations.services import membership_grant, organisation_upsert  # noqa: E402
from buurtpeil.polls import library  # noqa: E402
from buurtpeil.polls.selectors import poll_for, version_latest  # noqa: E402
from buurtpeil.polls.services import poll_create, poll_module_add, poll_publish  # noqa: E402

CALLS = 1000


def plain_detail(request, id):
    """The same answer without DRF: token look-up, poll, version, a hand-built dict."""
    token = request.headers["Authorization"].split()[1]
    api_token = api_token_by_key(token)
    api_token_used(api_token=api_token)
    poll = poll_for(api_token.organisation, id)
    version = version_latest(poll)
    definition = version.definition
    body = {
        "id": poll.pk,
        "titel": poll.title,
        "status": poll.status,
        "versie": {
            "nummer": version.number,
            "talen": definition["languages"],
            "groepen": [
                {
                    "id": group["id"],
                    "titel": group.get("title", {}),
                    "vragen": [
                        {
                            "code": q["code"],
                            "type": q["type"],
                            "tekst": q.get("text", {}),
                            "verplicht": q.get("required", False),
                            "keuzes": [
                                {"waarde": c["value"], "label": c.get("label", {})}
                                for c in q.get("choices", [])
                            ],
                            "voorwaarde": q.get("condition"),
                            "factor": q.get("factor"),
                            "indicator": q.get("indicator"),
                        }
                        for q in group.get("questions", [])
                    ],
                }
                for group in definition["groups"]
            ],
        },
    }
    return JsonResponse(body)


def timed(calls: dict) -> dict[str, tuple[list[float], list[float]]]:
    """Each call CALLS times, interleaved (so that other load on the machine falls on all
    alike): wall-clock and CPU milliseconds per call."""
    for call in calls.values():
        for _ in range(50):
            call()
    times = {name: ([], []) for name in calls}
    for _ in range(CALLS):
        for name, call in calls.items():
            wall, cpu = time.perf_counter(), time.thread_time()
            call()
            times[name][0].append((time.perf_counter() - wall) * 1000)
            times[name][1].append((time.thread_time() - cpu) * 1000)
    return times


def report(name: str, times: tuple[list[float], list[float]]) -> float:
    wall, cpu = sorted(times[0]), sorted(times[1])
    median, p99 = statistics.median(wall), wall[int(len(wall) * 0.99) - 1]
    print(
        f"{name:<52} median {median:6.2f} ms   p99 {p99:6.2f} ms   "
        f"CPU median {statistics.median(cpu):6.2f} ms"
    )
    return statistics.median(cpu)


def main():
    call_command("migrate", verbosity=0)
    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage")
    user, _created = get_user_model().objects.get_or_create(username="bench")
    membership_grant(user=user, organisation=organisation, role="viewer")
    _row, token = api_token_create(organisation=organisation, user=user, name="bench")
    poll = poll_create(
        organisation=organisation,
        title="Veiligheidsmonitor",
        definition={"languages": ["nl", "en"], "title": {"nl": "Veiligheid"}, "groups": []},
    )
    for code in library.module_codes()[:6]:
        poll_module_add(poll=poll, module_code=code)
    version = poll_publish(poll=poll)
    questions = sum(len(g["questions"]) for g in version.definition["groups"])
    path = f"/api/v1/peilingen/{poll.pk}"
    auth = {"HTTP_AUTHORIZATION": f"Token {token}", "HTTP_HOST": "127.0.0.1"}
    client = Client()
    size = len(client.get(path, **auth).content)
    print(
        f"{os.environ['DATABASE_URL'].split(':')[0]}: "
        f"poll with {questions} questions, detail body {size} bytes"
    )

    factory = RequestFactory()
    drf_view = PollDetail.as_view()

    def drf_call():
        response = drf_view(factory.get(path, **auth), id=poll.pk)
        response.render()

    def plain_call():
        plain_detail(factory.get(path, **auth), id=poll.pk)

    times = timed({"full": lambda: client.get(path, **auth), "drf": drf_call, "plain": plain_call})
    full = report("full request (middleware + DRF view + serializers)", times["full"])
    drf = report("DRF view alone (auth, serializers, rendering)", times["drf"])
    plain = report("plain Django view, same look-ups, hand-built dict", times["plain"])
    share = (drf - plain) / full
    print(f"{'what DRF adds per call (CPU)':<52} {drf - plain:6.2f} ms ({share:.0%} of the full request)")
    start = time.perf_counter()
    Client().get("/api/v1/openapi.json", HTTP_HOST="127.0.0.1")
    print(
        f"{'openapi.json, first call (generated once per process)':<52} "
        f"{(time.perf_counter() - start) * 1000:6.0f} ms"
    )


if __name__ == "__main__":
    main()
