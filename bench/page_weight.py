"""Print the first-load transfer size of the resident pages (HTML + CSS + JS, gzip-compressed).

Budget: the join page and the answering page under 50 KB each. Run: .venv/bin/python bench/page_weight.py
"""

import gzip
import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
tmp = tempfile.mkdtemp()
os.environ.update(DJANGO_SETTINGS_MODULE="tests.settings", DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from buurtpeil.organisations.services import organisation_upsert  # noqa: E402

ASSET = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"')


def weigh(client: Client, path: str) -> None:
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200, response.status_code
    html = (
        gzip.decompress(response.content) if response.get("Content-Encoding") == "gzip" else response.content
    )
    rows = [(path, len(html), len(gzip.compress(html, 6)))]
    for url in ASSET.findall(html.decode()):
        body = Path(finders.find(url.removeprefix("/static/"))).read_bytes()
        rows.append((url, len(body), len(gzip.compress(body, 6))))
    total = sum(r[2] for r in rows)
    for name, raw, packed in rows:
        print(f"  {name:<50} {raw:>8,} B raw {packed:>8,} B gzip")
    print(f"  {'total transferred':<50} {'':>15} {total:>8,} B gzip ({total / 1024:.1f} KB; budget 50 KB)")


call_command("migrate", verbosity=0)
organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage (Den Haag)")
client = Client(HTTP_HOST="127.0.0.1")
print("Resident join page, first load:")
weigh(client, "/p/GM0518/")


def answering_page(organisation) -> str:
    """A personal answering link for a poll made of every module in the library (the largest
    page a resident can get from it), over the real Den Haag buurten for its map question."""
    from buurtpeil.areas.services import areas_import
    from buurtpeil.polls import library
    from buurtpeil.polls.services import poll_create, poll_module_add, poll_publish
    from tests.conftest import DEMO_GEOJSON, DEMO_POPULATION
    from tests.responses import factories

    areas_import(
        organisation=organisation,
        geojson=DEMO_GEOJSON.read_bytes(),
        population_csv=DEMO_POPULATION.read_bytes(),
    )
    poll = poll_create(
        organisation=organisation,
        title="Alles",
        definition={"languages": ["nl", "en"], "title": {"nl": "Alle modules"}, "groups": []},
    )
    for code in library.module_codes():
        poll_module_add(poll=poll, module_code=code)
    poll_publish(poll=poll)
    _recipient, token = factories.invitation(organisation, poll=poll)
    return f"/p/{organisation.code}/a/{token}"


print("Answering page (every library module in one poll), first load:")
weigh(client, answering_page(organisation))
