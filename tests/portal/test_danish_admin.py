"""The Wagtail admin speaks Danish to editors and partner editors.

The project's catalogue (portal/locale, first in LOCALE_PATHS) fills the gaps
in Wagtail's own Danish and corrects its mistakes. These tests read what an
editor actually gets: the visible text of the admin screens, the labels only
screen readers and tooltips show, the menus the sidebar builds from JSON, the
strings the admin's JavaScript asks for, and the moderation e-mails.
"""

import gettext
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

import wagtail
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import polib
import pytest

from tests.factories import (
    make_document,
    make_editor,
    make_image,
    make_partner,
    make_partner_editor,
    make_tool,
)

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIR = ROOT / "portal" / "locale"
COMPILE = ROOT / "scripts" / "compile-translations"
WAGTAIL_ADMIN_LOCALE = Path(wagtail.__file__).parent / "admin" / "locale"

# English that partner editors and editors reported, and its neighbours. Each
# entry is matched case-sensitively as a whole word or phrase.
ENGLISH = [
    "Submit to",
    "Approve",
    "with comment",
    "IN MODERATION",
    "In Moderation",
    "in moderation",
    "Autosave",
    "Documents",
    "Document",
    "Reports",
    "Help",
    "Save draft",
    "Save Draft",
    "Publish",
    "Unpublish",
    "Delete",
    "Preview",
    "Settings",
    "Pages",
    "Images",
    "Image",
    "Search",
    "donation",
    "giving",
    "Dashboard",
    "Cancel",
    "Edit",
    "Add",
    "Choose",
    "Submitted",
    "Request changes",
    "Reject",
    "Comments",
    "History",
    "Workflow",
    "Moderation",
    "Draft",
    "Saved",
    "Sort",
    "Filter",
    "Select",
    "Actions",
    "Toggle",
    "Close",
    "Collection",
    "Owner",
    "Editor Guide",
    "Site history",
    "Aging pages",
    "Locked pages",
    "Promoted",
    "Search term",
    "Parent",
    "Keyboard",
    "Redirects",
    "Log out",
    "Hello",
    "has been",
    "Awaiting",
    "Your",
    "You",
    "the",
    "and",
    "your",
    "this",
    "with",
    "you",
]
ENGLISH_PATTERN = re.compile(
    "|".join(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])" for phrase in ENGLISH)
)
# Attributes whose text an editor reads or hears.
TEXT_ATTRIBUTES = {
    "aria-label",
    "aria-description",
    "title",
    "placeholder",
    "alt",
    "data-w-tooltip-content-value",
    "data-w-dialog-title-value",
}
CODE_NAME = re.compile(r"[\w-]+(\.[\w-]+)+")
# Wagtail's own wrong Danish, which the catalogue must override.
WRONG_DANISH = ["Gem skitse", "Søge term", "Forældre", "Skitse", "Publicér"]


class AdminText(HTMLParser):
    """Collects what a user reads or hears: text outside code, the labelling
    attributes, and the strings inside the JSON the admin renders menus from."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self.skip = 0
        self.json = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in TEXT_ATTRIBUTES & attrs.keys():
            if attrs[name]:
                self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in {"submit", "button"}:
            self.texts.append(attrs.get("value") or "")
        if tag in {"script", "style"}:
            self.skip += 1
            self.json = attrs.get("type") == "application/json"

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self.skip:
            self.skip -= 1
            self.json = False

    def handle_data(self, data):
        if not self.skip:
            self.texts.append(data)
        elif self.json and data.strip():
            self.texts.extend(json_strings(json.loads(data)))


def json_strings(value):
    if isinstance(value, str):
        # Telepath packs labels beside URLs, icon names and the dotted names
        # of its JavaScript classes ("wagtail.widgets.Select"): only the
        # labels are read.
        if not CODE_NAME.fullmatch(value):
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def admin_texts(response):
    assert response.status_code == 200, response
    parser = AdminText()
    parser.feed(response.content.decode())
    return [" ".join(text.split()) for text in parser.texts if text.strip()]


def english_in(texts):
    return sorted(
        {
            f"{match.group(0)!r} in {text[:120]!r}"
            for text in texts
            for match in ENGLISH_PATTERN.finditer(text)
        }
    )


@pytest.fixture
def moderation(db):
    """A partner with a tool waiting in "Partnergodkendelse", another that is
    still a draft, media, and a promoted search result."""
    partner = make_partner("Fabrik Nord")
    partner_editor = make_partner_editor(partner, email="lise@fabrik-nord.dk")
    editor = make_editor(email="redaktion@vaerktoejskassen.dk")
    in_moderation = make_tool(partner, title="Tjekliste til linjen")
    draft = make_tool(partner, title="Skabelon til tavlemødet", publish=False)
    make_document("Vejledning til tjeklisten")
    make_image("Tavlemøde ved linjen")
    SearchPromotion.objects.create(
        query=Query.get("sprogmodel"),
        page=in_moderation,
        sort_order=0,
        description="Vores mest brugte værktøj",
    )
    workflow = in_moderation.get_workflow()
    assert workflow.name == "Partnergodkendelse"
    in_moderation.save_revision(user=partner_editor)
    workflow.start(in_moderation, partner_editor)
    return {
        "partner": partner,
        "partner_editor": partner_editor,
        "editor": editor,
        "in_moderation": in_moderation,
        "draft": draft,
    }


def admin_urls(moderation, role):
    partner = moderation["partner"]
    tool = moderation["in_moderation"]
    urls = [
        "/admin/",
        f"/admin/pages/{partner.pk}/",
        f"/admin/pages/{tool.pk}/edit/",
        f"/admin/pages/{moderation['draft'].pk}/edit/",
        f"/admin/pages/add/toolbox/toolpage/{partner.pk}/",
        f"/admin/pages/{tool.pk}/history/",
        "/admin/pages/search/?q=tjekliste",
        "/admin/documents/",
        "/admin/documents/chooser/",
        "/admin/images/",
        "/admin/images/chooser/",
        "/admin/reports/site-history/",
    ]
    if role == "editor":
        urls += ["/admin/pages/", "/admin/searchpicks/", "/admin/searchpicks/add/"]
    return urls


@pytest.mark.parametrize("role", ["partner_editor", "editor"])
def test_admin_screens_have_no_english(client, moderation, role):
    client.force_login(moderation[role])
    found = {}
    for url in admin_urls(moderation, role):
        texts = admin_texts(client.get(url))
        english = english_in(texts)
        wrong = sorted({w for w in WRONG_DANISH for t in texts if w in t})
        if english or wrong:
            found[url] = english + wrong
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_partner_editor_submits_to_partnergodkendelse_in_danish(client, moderation):
    client.force_login(moderation["partner_editor"])
    draft = " ".join(
        admin_texts(client.get(f"/admin/pages/{moderation['draft'].pk}/edit/"))
    )
    assert "Send til Partnergodkendelse" in draft
    assert "Gem kladde" in draft

    waiting = " ".join(
        admin_texts(client.get(f"/admin/pages/{moderation['in_moderation'].pk}/edit/"))
    )
    assert "Til godkendelse" in waiting


def test_editor_approves_in_danish(client, moderation):
    client.force_login(moderation["editor"])
    texts = " ".join(
        admin_texts(client.get(f"/admin/pages/{moderation['in_moderation'].pk}/edit/"))
    )
    assert "Godkend med kommentar og udgiv" in texts
    assert "Anmod om ændringer" in texts
    assert "Afventer din godkendelse" in " ".join(admin_texts(client.get("/admin/")))


@pytest.mark.parametrize("role", ["partner_editor", "editor"])
def test_sidebar_menu_is_danish(client, moderation, role):
    """The menu reaches the page as JSON; the no-English test reads it there."""
    client.force_login(moderation[role])
    texts = set(admin_texts(client.get("/admin/")))
    assert {"Sider", "Dokumenter", "Billeder", "Rapporter", "Hjælp"} <= texts


def test_search_promotions_speak_of_the_portal(client, moderation):
    client.force_login(moderation["editor"])
    index = " ".join(admin_texts(client.get("/admin/searchpicks/")))
    assert "Søgeord" in index
    add = " ".join(admin_texts(client.get("/admin/searchpicks/add/")))
    assert "Fremhævede søgeresultater anbefaler" in add
    assert "sprogmodel" in add


def test_moderation_emails_are_danish(moderation, mailoutbox):
    submitted = [m for m in mailoutbox if "redaktion@" in m.to[0]]
    assert submitted, "the editors got no mail when the tool was submitted"
    assert submitted[0].subject == (
        'Siden "Tjekliste til linjen" er sendt til godkendelse på '
        'godkendelsestrinnet "Redaktørgodkendelse"'
    )

    tool = moderation["in_moderation"]
    state = tool.current_workflow_state
    task_state = state.current_task_state
    task_state.task.specific.on_action(
        task_state, moderation["editor"], "reject", comment="Tilføj en kilde"
    )
    rejected = [m for m in mailoutbox if "lise@" in m.to[0]]
    assert rejected, "the partner editor got no mail when the tool was sent back"
    assert "er afvist" in rejected[-1].subject

    for message in mailoutbox:
        bodies = [message.subject, message.body]
        bodies += [content for content, _ in getattr(message, "alternatives", [])]
        texts = []
        for body in bodies:
            parser = AdminText()
            parser.feed(body)
            texts += parser.texts
        assert not english_in(texts), (message.subject, english_in(texts))


def javascript_catalogue(response):
    content = response.content.decode()
    match = re.search(r"const newcatalog = (\{.*?\});\n", content, re.S)
    assert match, "no catalogue in /admin/jsi18n/"
    return json.loads(match.group(1))


def test_admin_javascript_strings_are_danish(client, moderation):
    client.force_login(moderation["partner_editor"])
    catalogue = javascript_catalogue(client.get("/admin/jsi18n/"))
    wagtail_js = WAGTAIL_ADMIN_LOCALE / "en" / "LC_MESSAGES" / "djangojs.po"
    msgids = [entry.msgid for entry in polib.pofile(str(wagtail_js))]
    assert [msgid for msgid in msgids if msgid not in catalogue] == []
    autosaved = catalogue["Changes have been autosaved."]
    assert autosaved == "Ændringerne er gemt automatisk."


def test_the_catalogue_is_first_in_locale_paths():
    assert settings.LOCALE_PATHS[0] == LOCALE_DIR


def test_committed_mo_files_match_their_po():
    result = subprocess.run(
        [sys.executable, str(COMPILE), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in LOCALE_DIR.glob("da/LC_MESSAGES/*.mo")) == [
        "django.mo",
        "djangojs.mo",
    ]


def test_compile_check_catches_a_po_edit_without_its_mo(tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale)
    po = locale / "da" / "LC_MESSAGES" / "django.po"
    po.write_text(
        po.read_text().replace('msgstr "Gem kladde"', 'msgstr "Gem som kladde"', 1)
    )

    check = [sys.executable, str(COMPILE), "--check", str(locale)]
    assert subprocess.run(check, capture_output=True).returncode == 1
    subprocess.run([sys.executable, str(COMPILE), str(locale)], check=True)
    assert subprocess.run(check, capture_output=True).returncode == 0

    with (po.with_suffix(".mo")).open("rb") as mo:
        assert gettext.GNUTranslations(mo).gettext("Save Draft") == "Gem som kladde"
