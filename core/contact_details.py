"""Contact details in free text a visitor typed (a search, say), found and
removed before the text is stored where editors read it.

What counts: e-mail addresses, and runs of 8 or more digits with optional
spaces, dots, dashes or a leading + (Danish phone numbers, "+45 12 34 56 78",
and CPR numbers, "010190-1234"). Shorter numbers are left alone: "ISO 9001"
and "2026" are searches, not people."""

import re

EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>(),;:\"']+", re.ASCII)
PHONE = re.compile(r"(?<![\w+])\+?(?:\d[ .\-/]?){7,}\d(?!\w)", re.ASCII)


def contains_contact_details(text):
    return bool(EMAIL.search(text) or PHONE.search(text))


def scrub_contact_details(text):
    """The text without e-mail addresses and phone-like numbers, its spaces
    collapsed."""
    text = EMAIL.sub(" ", text)
    text = PHONE.sub(" ", text)
    return " ".join(text.split())
