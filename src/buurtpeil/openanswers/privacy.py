"""Personal data in residents' open answers, masked before any staff member reads them.

Residents write what they see: a neighbour's name, a phone number to call, the address where
dealing happens, a car's number plate. None of that belongs in a dashboard or an export.
``mask_personal_data`` replaces each with a placeholder in Dutch ([naam], [telefoon], ...),
so the answer keeps its meaning for sorting into themes and for reading, without the person.

Rules, in this order (so that a placeholder is never masked again): e-mail addresses; phone
numbers (Dutch and Belgian, with +31/+32/0031/0032 or 0, spaces, dashes, dots); postcodes
(1234 AB; a Belgian postcode is a plain number and is kept); number plates (three groups of six
letters and digits joined by dashes, both present); street addresses (a street name ending in
a street word, or "Laan van X", followed by a house number); names: a capitalised word after a
title or relation (meneer, mevrouw, buurman, ...), or a first name from the built-in list, each
with the capitalised surname and particles that follow. It errs on the side of privacy: a
capitalised word that is also a first name is masked.
"""

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)3[12][\s.-]?(?:\(0\))?[\s.-]?|0)"  # country code or trunk 0
    r"(?:\d[\s.-]?){8,9}\d?(?!\w)"
)
POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b")
PLATE = re.compile(r"\b[A-Z0-9]{1,3}-[A-Z0-9]{1,3}-[A-Z0-9]{1,3}\b")
STREET_WORDS = (
    "straat|laan|weg|plein|kade|gracht|singel|dijk|dreef|hof|pad|steeg|markt|park|plantsoen|"
    "boulevard|baan|kwartier|veld|wal|burgwal|haven|poort|erf|hoek|zijde|rode|straatje|dwarsstraat"
)
HOUSE_NUMBER = r"\s\d{1,4}(?:\s?[a-zA-Z](?![a-zA-Z]))?(?:\s?-\s?\d{1,4})?\b"
STREET = re.compile(
    rf"\b[A-Z][\w'-]*(?:{STREET_WORDS}){HOUSE_NUMBER}"
    rf"|\b(?:Laan|Weg|Plein|Kade|Straat|Dijk|Singel|Hof|Park)\s(?:van|der|de|den|het|op|aan|in)"
    rf"(?:\s(?:de|der|den|het))?\s[A-Z][\w-]+{HOUSE_NUMBER}"
)
TITLES = (
    "meneer|mevrouw|mevr|mw|dhr|de heer|buurman|buurvrouw|buurjongen|buurmeisje|wijkagent|"
    "agent|handhaver|opa|oma|oom|tante|juf|meester|dokter|dr"
)
PARTICLES = r"(?:van|de|der|den|het|ter|ten|te|el|al|ben|bin)"
SURNAME = rf"(?:\s{PARTICLES})*\s[A-Z][a-z'-]+"
TITLED_NAME = re.compile(
    rf"\b(?P<title>(?i:{TITLES}))\.?\s(?P<name>(?:{PARTICLES}\s)?[A-Z][a-z'-]+(?:{SURNAME})*)"
)
# Common first names in the Netherlands and Flanders (Dutch, Moroccan, Turkish, Surinamese,
# Antillean, Polish and other origins). Only used with a capital letter, so "Roos" the name is
# masked and "roos" the flower is not; a name that is also a common capitalised word at the
# start of a sentence ("Mark", "Bas") is masked too, which errs on the side of privacy.
FIRST_NAMES = frozenset(
    """
    Aaron Abdel Abdelkader Abdellah Abdullah Adam Adil Ahmed Ahmet Aisha Aicha Ali Alexander
    Amina Amir Ana Anna Anne Annemarie Anouk Anton Arjen Arie Ayoub Ayse Bart Bas Bayram Bert
    Bilal Bram Brahim Burak Carla Chantal Chris Claudia Daan Danny Dennis Dewi Dirk Dylan Eline
    Elif Ellen Emine Emma Emre Erik Esther Eva Evi Fatima Fatma Femke Floor Frank Freek Gerrit
    Gert Hamza Hans Hanneke Hasan Hassan Hatice Hendrik Henk Hicham Ilse Ingrid Iris Jan Jasper
    Jeroen Jesse Johan John Joost Jordy Joris Julia Karim Kees Kevin Khadija Koen Lars Laura
    Lieke Lisa Lotte Luuk Maarten Marco Marieke Marijke Mark Martijn Maria Marie Meryem Mehmet
    Milan Mohamed Mohammed Mustafa Nadia Naima Nina Noah Noor Nora Omar Oussama Patrick Paul
    Peter Petra Piet Pieter Priya Rachid Rajesh Ravi Rik Rob Robin Roos Ruben Rutger Ryan Said
    Sam Samira Sander Sanne Sara Sarah Sevda Sem Shanti Sophie Stefan Stijn Suzanne Thijs Thomas
    Tim Tom Vincent Wendy Willem Wim Yasmina Yasin Yusuf Youssef Zeynep Zoë Zakaria Ilias Imane
    Soufiane Mehmet Kübra Dewika Sunita Roshni Quincy Shirley Marvin Rowan Jurgen Kasia Piotr
    Tomasz Agnieszka
    """.split()  # noqa: SIM905 (a list of words reads best as words)
)
FIRST_NAME = re.compile(rf"\b(?:{'|'.join(sorted(FIRST_NAMES, key=len, reverse=True))})(?:{SURNAME})*\b")

PLACEHOLDERS = {
    "email": "[e-mail]",
    "phone": "[telefoon]",
    "postcode": "[postcode]",
    "plate": "[kenteken]",
    "address": "[adres]",
    "name": "[naam]",
}


def _plate(match: re.Match) -> str:
    plate = match[0]
    alnum = plate.replace("-", "")
    is_plate = len(alnum) == 6 and any(c.isalpha() for c in alnum) and any(c.isdigit() for c in alnum)
    return PLACEHOLDERS["plate"] if is_plate else plate


def _titled(match: re.Match) -> str:
    return f"{match['title']} {PLACEHOLDERS['name']}"


def mask_personal_data(text: str) -> str:
    """The answer with e-mail addresses, phone numbers, postcodes, number plates, street
    addresses and person names replaced by placeholders such as [naam] and [telefoon]."""
    text = EMAIL.sub(PLACEHOLDERS["email"], text)
    text = PHONE.sub(PLACEHOLDERS["phone"], text)
    text = POSTCODE.sub(PLACEHOLDERS["postcode"], text)
    text = PLATE.sub(_plate, text)
    text = STREET.sub(PLACEHOLDERS["address"], text)
    text = TITLED_NAME.sub(_titled, text)
    return FIRST_NAME.sub(PLACEHOLDERS["name"], text)
