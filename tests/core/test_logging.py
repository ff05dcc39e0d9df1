import logging

from buurtpeil.core.logging import RedactSecretsFilter, redact


def test_email_addresses_and_tokens_are_redacted():
    line = 'GET /p/GM0518/login/Zx9-abc_DEF123/ from jan.de.vries+panel@example.nl "code=ABCD2345"'
    cleaned = redact(line)
    assert "jan.de.vries" not in cleaned
    assert "Zx9-abc_DEF123" not in cleaned
    assert "[e-mail]" in cleaned and "/login/[token]" in cleaned


def test_filter_rewrites_formatted_records():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "sent link to %s", ("a@b.nl",), None)
    assert RedactSecretsFilter().filter(record) is True
    assert record.getMessage() == "sent link to [e-mail]"
