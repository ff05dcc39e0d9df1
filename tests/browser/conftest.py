"""Browser fixtures: Debian's Chromium through Playwright, and a real SMTP server.

Chromium is the system package (/usr/bin/chromium); no browser is ever downloaded. The SMTP
server is aiosmtpd on a free localhost port, and Django's SMTP backend is pointed at it, so
mail goes over a real socket as in production.
"""

import email
import email.policy
import logging
import socket
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}


class Mailbox:
    """What the SMTP server received, as ``email.message.EmailMessage`` objects."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls this hook by name
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"

    def wait_for(self, count: int = 1, timeout: float = 10.0) -> list:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} e-mail(s), received {len(self.messages)}")
            time.sleep(0.05)
        return self.messages


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on localhost; Django's SMTP backend sends to it."""
    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's chatter names recipients
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (make chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser, live_server, settings):
    """A page in a fresh phone-sized context (360 by 740, Dutch), with SITE_URL on the live server."""
    settings.SITE_URL = live_server.url
    context = browser.new_context(viewport=PHONE, locale="nl-NL", base_url=live_server.url)
    page = context.new_page()
    page.console_errors = []

    def console(message):
        url = message.location.get("url", "")
        if message.type == "error" and not url.endswith("/favicon.ico"):  # the browser's own guess
            page.console_errors.append(f"{message.text} {url}")

    page.on("console", console)
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


@pytest.fixture
def axe():
    """axe(page) -> the WCAG 2.0/2.1/2.2 A and AA violations on the page."""
    from axe_playwright_python.sync_playwright import Axe

    runner = Axe()
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

    def run(page):
        results = runner.run(page, options={"runOnly": {"type": "tag", "values": tags}})
        assert results.response["passes"], "axe checked nothing"
        return [
            {"id": v["id"], "help": v["help"], "nodes": [n["html"][:200] for n in v["nodes"]]}
            for v in results.response["violations"]
        ]

    return run


STAFF_PASSWORD = "a-long-test-password"


@pytest.fixture
def analyst_page(browser, live_server, settings, transactional_db, django_user_model):
    """A desktop page logged in as an analyst of GM0518."""
    from buurtpeil.organisations.services import membership_grant, organisation_upsert

    settings.SITE_URL = live_server.url
    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage")
    user = django_user_model.objects.create_user(username="analyst", password=STAFF_PASSWORD)
    membership_grant(user=user, organisation=organisation, role="analyst")
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", base_url=live_server.url
    )
    page = context.new_page()
    page.goto("/staff/login/")
    page.get_by_label("Gebruikersnaam").fill("analyst")
    page.get_by_label("Wachtwoord").fill(STAFF_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    yield page
    context.close()
