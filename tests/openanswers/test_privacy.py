"""Personal data in open answers is masked before staff read them; ordinary words are kept."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from buurtpeil.openanswers.privacy import mask_personal_data


@pytest.mark.parametrize(
    ("answer", "masked"),
    [
        ("Bel mij op 06-12345678 als er iets is", "Bel mij op [telefoon] als er iets is"),
        ("Tel. +31 (0)70 353 3000 of 0032 2 123 45 67", "Tel. [telefoon] of [telefoon]"),
        ("mail jan.de.vries@example.nl maar", "mail [e-mail] maar"),
        ("Buurman Jansen parkeert op de stoep", "Buurman [naam] parkeert op de stoep"),
        ("mevrouw de Groot en meneer el Amrani klagen", "mevrouw [naam] en meneer [naam] klagen"),
        ("Mohamed Bouali en Jan van der Berg zien het ook", "[naam] en [naam] zien het ook"),
        ("Bij de Hoefkade 3a wordt gedeald", "Bij de [adres] wordt gedeald"),
        ("ook op Laan van Meerdervoort 120 en Prinses Beatrixlaan 5", "ook op [adres] en Prinses [adres]"),
        ("woont in 2512 AB naast de school", "woont in [postcode] naast de school"),
        ("de auto 12-ABC-3 staat er altijd", "de auto [kenteken] staat er altijd"),
    ],
)
def test_personal_data_becomes_a_placeholder(answer, masked):
    assert mask_personal_data(answer) == masked


@pytest.mark.parametrize(
    "answer",
    [
        "De verlichting in het park is slecht en de buurman heeft een hond.",
        "In de Schilderswijk en op de Haagse Markt voel ik me 's avonds onveilig.",
        "Op 12-05-20 was er een inbraak; de politie kwam na 20 minuten.",
        "Er staan 3 fietsen en 1250 mensen wonen hier, 30 km per uur is te hard.",
        "de roos in de tuin is gestolen",
    ],
)
def test_ordinary_words_places_and_numbers_are_kept(answer):
    assert mask_personal_data(answer) == answer


digits = st.text(alphabet="0123456789", min_size=8, max_size=8)
separators = st.sampled_from(["", " ", "-", "."])


@settings(max_examples=200)
@given(
    before=st.sampled_from(["Bel ", "nummer: ", "", "of "]),
    prefix=st.sampled_from(["06", "+316", "00316", "+32 4", "070 ", "010-"]),
    number=digits,
    separator=separators,
    user=st.from_regex(r"[a-z][a-z0-9._]{0,12}", fullmatch=True),
    domain=st.sampled_from(["example.nl", "mail.be", "provider.co.uk"]),
)
def test_no_generated_phone_number_or_e_mail_address_survives(
    before, prefix, number, separator, user, domain
):
    phone = prefix + separator.join([number[:2], number[2:5], number[5:]])
    email = f"{user}@{domain}"
    masked = mask_personal_data(f"{before}{phone} en {email} graag.")
    assert number[-3:] not in masked and "@" not in masked
    assert "[telefoon]" in masked and "[e-mail]" in masked
