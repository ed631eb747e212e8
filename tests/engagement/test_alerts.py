"""Alerts for a search ("Få besked om nye værktøjer") over a real SMTP
server: double opt-in, the weekly digest, one-click unsubscribe.

Alerts are public-only by design: the digest searches as an anonymous
visitor whoever subscribed, so a partners-only tool never reaches a mail,
not even a partner member's."""

import logging
import re
import time
from datetime import timedelta
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

import pytest

from core.choices import Access
from search.alerts import CONFIRM_WINDOW, send_all_digests
from search.models import SearchAlert
from tests.factories import (
    make_partner,
    make_partner_member,
    make_sector,
    make_tool,
    make_user,
    tool_index,
)

pytestmark = pytest.mark.django_db

ADDRESS = "Anna.Jensen@Eksempel.dk"
STORED_ADDRESS = "Anna.Jensen@eksempel.dk"
SECRET_TITLE = "Hemmelig partnerguide til robotceller"


@pytest.fixture
def alert_logs(caplog):
    """Every log record of the flow, including the "search" logger that
    does not propagate to the root logger (portal/settings/base.py)."""
    caplog.set_level(logging.DEBUG)
    search_logger = logging.getLogger("search")
    search_logger.addHandler(caplog.handler)
    yield caplog
    search_logger.removeHandler(caplog.handler)


@pytest.fixture
def sectors():
    tool_index()
    return (
        make_sector("Produktion og fremstilling", slug="produktion"),
        make_sector("Sundhed", slug="sundhed"),
    )


def body(message):
    return message.get_content()


def everything(message):
    """Headers and decoded body: as_string() may re-encode a UTF-8 body."""
    headers = "\n".join(f"{name}: {value}" for name, value in message.items())
    return f"{headers}\n{body(message)}"


def link_path(text, pattern):
    match = re.search(rf"https?://\S+{pattern}\S*", text)
    assert match, f"no link matching {pattern!r} in:\n{text}"
    return urlsplit(match.group(0)).path


def subscribe_from_listing(client, listing, address=ADDRESS):
    """Follows the "Få besked om nye værktøjer" link of a listing page and
    submits the form; returns the receipt response."""
    page = client.get(listing)
    assert page.status_code == 200
    match = re.search(
        r'<a href="([^"]+)">Få besked om nye værktøjer</a>', page.content.decode()
    )
    assert match, "the listing has no alert link"
    url = match.group(1).replace("&amp;", "&")
    form = client.get(url)
    assert form.status_code == 200
    return client.post(url, {"email": address, "fax": ""})


def confirm_from_mail(client, message):
    path = link_path(body(message), "/soeg/besked/bekraeft/")
    page = client.get(path)
    assert page.status_code == 200
    assert "Bekræft din besked" in page.content.decode()
    response = client.post(path)
    assert response.status_code == 200
    assert "Din besked er bekræftet" in response.content.decode()


def test_full_flow_from_listing_to_one_click_unsubscribe(
    client, smtp_server, sectors, alert_logs
):
    production, health = sectors
    make_tool(title="Gammel tjekliste", sectors=[production])

    receipt = subscribe_from_listing(client, "/vaerktoejer/?sektor=produktion&side=1")
    assert receipt.status_code == 200
    assert "Tjek din e-mail" in receipt.content.decode()
    alert = SearchAlert.objects.get()
    assert alert.email == STORED_ADDRESS
    assert alert.query_string == "sektor=produktion"
    assert alert.confirmed_at is None

    [confirmation] = smtp_server.wait_for(1)
    assert confirmation["To"] == STORED_ADDRESS
    assert confirmation["Subject"] == "Bekræft din besked om nye værktøjer"
    assert "sektor: Produktion og fremstilling" in body(confirmation)
    assert "List-Unsubscribe" not in confirmation

    # Before confirmation nothing is sent.
    make_tool(title="Ny AI-guide til produktionen", sectors=[production])
    assert send_all_digests() == 0

    confirm_from_mail(client, confirmation)
    alert.refresh_from_db()
    assert alert.confirmed_at is not None

    partner = make_partner(sectors=[production])
    public = make_tool(
        partner,
        title="Kom i gang med maskinsyn",
        summary="Sådan bruger I kameraer og AI til kvalitetskontrol.",
        sectors=[production],
    )
    make_tool(partner, title=SECRET_TITLE, access=Access.PARTNERS, sectors=[production])
    make_tool(title="Journalføring med AI", sectors=[health])

    call_command("send_alert_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    messages = smtp_server.wait_for(2)
    assert len(messages) == 2
    digest = messages[1]
    text = body(digest)
    assert digest["To"] == STORED_ADDRESS
    assert digest["Subject"] == "Et nyt værktøj i Værktøjskassen"
    assert "Kom i gang med maskinsyn" in text
    assert "Sådan bruger I kameraer og AI til kvalitetskontrol." in text
    # Outside a request: on PUBLIC_BASE_URL (core.links).
    assert settings.PUBLIC_BASE_URL + public.url in text
    assert "sektor: Produktion og fremstilling" in text
    # Published before the confirmation, or outside the search, or hidden.
    assert "Ny AI-guide til produktionen" not in text
    assert "Gammel tjekliste" not in text
    assert "Journalføring med AI" not in text
    assert SECRET_TITLE not in text
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = digest["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe_url in text
    alert.refresh_from_db()
    assert alert.last_sent_at is not None

    # Nothing new: no mail.
    assert send_all_digests() == 0

    # RFC 8058: a plain POST from the mail client, without a CSRF token.
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        urlsplit(unsubscribe_url).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "Du er afmeldt" in response.content.decode()
    assert not SearchAlert.objects.exists()

    make_tool(title="Endnu en produktionsguide", sectors=[production])
    assert send_all_digests() == 0
    assert len(smtp_server.messages) == 2

    for message in smtp_server.messages:
        assert SECRET_TITLE not in everything(message)
    logged = "\n".join(record.getMessage() for record in alert_logs.records)
    assert "confirmation mail sent" in logged  # the flow was logged at all
    assert "digest mail sent" in logged
    assert ADDRESS.lower() not in logged.lower()
    assert "eksempel.dk" not in logged.lower()


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_signed_in_subscribers_never_get_partners_only_tools(
    client, smtp_server, sectors, who
):
    production, _health = sectors
    user = make_partner_member() if who == "member" else make_user()
    client.force_login(user)
    partner = make_partner(sectors=[production])
    if who == "member":
        # The member sees partners-only tools on the listing they subscribe from.
        make_tool(partner, title="Tidligere partnerværktøj", access=Access.PARTNERS)
        listing = client.get("/vaerktoejer/").content.decode()
        assert "Tidligere partnerværktøj" in listing

    subscribe_from_listing(client, "/vaerktoejer/?sektor=produktion")
    confirm_from_mail(client, smtp_server.wait_for(1)[0])

    make_tool(partner, title=SECRET_TITLE, access=Access.PARTNERS, sectors=[production])
    make_tool(partner, title="Offentlig robotguide", sectors=[production])
    assert send_all_digests() == 1
    messages = smtp_server.wait_for(2)
    assert len(messages) == 2
    assert "Offentlig robotguide" in body(messages[1])
    for message in messages:
        assert SECRET_TITLE not in everything(message)


def test_partners_only_tools_alone_send_nothing(client, smtp_server, sectors):
    production, _health = sectors
    subscribe_from_listing(client, "/vaerktoejer/?sektor=produktion")
    confirm_from_mail(client, smtp_server.wait_for(1)[0])
    partner = make_partner(sectors=[production])
    make_tool(partner, title=SECRET_TITLE, access=Access.PARTNERS, sectors=[production])
    assert send_all_digests() == 0
    assert len(smtp_server.messages) == 1


def test_unconfirmed_alerts_get_nothing_and_expire(client, smtp_server, sectors):
    production, _health = sectors
    subscribe_from_listing(client, "/vaerktoejer/")
    smtp_server.wait_for(1)
    make_tool(title="Ny guide", sectors=[production])
    assert send_all_digests() == 0
    assert len(smtp_server.messages) == 1
    assert SearchAlert.objects.count() == 1

    later = timezone.now() + CONFIRM_WINDOW + timedelta(hours=1)
    send_all_digests(now=later)
    assert not SearchAlert.objects.exists()


def test_the_confirm_link_expires(client, smtp_server, sectors):
    subscribe_from_listing(client, "/vaerktoejer/")
    [confirmation] = smtp_server.wait_for(1)
    SearchAlert.objects.update(
        created_at=timezone.now() - CONFIRM_WINDOW - timedelta(minutes=1)
    )
    path = link_path(body(confirmation), "/soeg/besked/bekraeft/")
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404
    assert SearchAlert.objects.get().confirmed_at is None


def test_opening_the_confirm_link_does_not_confirm(client, smtp_server, sectors):
    """Link scanners open links; only the button (a POST) confirms."""
    subscribe_from_listing(client, "/vaerktoejer/")
    path = link_path(body(smtp_server.wait_for(1)[0]), "/soeg/besked/bekraeft/")
    client.get(path)
    client.head(path)
    assert SearchAlert.objects.get().confirmed_at is None


def test_opening_the_unsubscribe_link_does_not_unsubscribe(client):
    alert = SearchAlert.objects.create(email="a@b.dk", confirmed_at=timezone.now())
    response = client.get(f"/soeg/besked/afmeld/{alert.unsubscribe_token}/")
    assert response.status_code == 200
    assert "Afmeld besked" in response.content.decode()
    assert SearchAlert.objects.filter(pk=alert.pk).exists()


@pytest.mark.parametrize(
    "path",
    [
        "/soeg/besked/bekraeft/{token}/",
        "/soeg/besked/afmeld/{token}/",
    ],
)
@pytest.mark.parametrize(
    "token",
    [
        "x" * 43,  # well-formed, unknown
        "kort",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "a" * 500,
        "æøåæøåæøåæøåæøåæøåæøåæøåæøå",
    ],
)
def test_bad_tokens_are_not_found(client, path, token):
    SearchAlert.objects.create(email="a@b.dk")
    url = path.format(token=token)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert SearchAlert.objects.count() == 1


def test_the_tokens_do_not_cross(client):
    """A confirm token does not unsubscribe, and the reverse."""
    alert = SearchAlert.objects.create(email="a@b.dk")
    assert alert.confirm_token != alert.unsubscribe_token
    assert len(alert.confirm_token) >= 40
    assert client.post(f"/soeg/besked/afmeld/{alert.confirm_token}/").status_code == 404
    confirm = f"/soeg/besked/bekraeft/{alert.unsubscribe_token}/"
    assert client.post(confirm).status_code == 404


def test_the_saved_search_keeps_only_known_parameters(client, smtp_server, sectors):
    url = (
        "/soeg/besked/?q=maskinsyn&sektor=sundhed&sektor=produktion&sektor=ukendt"
        "&side=4&sort=nyeste&antal=999&laeringsformat=workshop&type=case&utm=x"
    )
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "søgeord »maskinsyn«" in text
    assert "sektor: Produktion og fremstilling, Sundhed" in text
    client.post(url, {"email": "b@eksempel.dk"})
    assert SearchAlert.objects.get().query_string == (
        "q=maskinsyn&sektor=produktion&sektor=sundhed"
    )


def test_the_same_alert_twice_is_one_alert(client, smtp_server, sectors):
    subscribe_from_listing(client, "/vaerktoejer/?sektor=produktion")
    subscribe_from_listing(client, "/vaerktoejer/?sektor=produktion&sort=nyeste")
    messages = smtp_server.wait_for(2)
    assert SearchAlert.objects.count() == 1
    # The second mail repeats the same link.
    assert link_path(body(messages[0]), "/bekraeft/") == link_path(
        body(messages[1]), "/bekraeft/"
    )


def test_a_confirmed_alert_asked_for_again_sends_nothing(client, smtp_server, sectors):
    subscribe_from_listing(client, "/vaerktoejer/")
    confirm_from_mail(client, smtp_server.wait_for(1)[0])
    receipt = subscribe_from_listing(client, "/vaerktoejer/")
    # The same receipt: the form does not tell who is subscribed.
    assert "Tjek din e-mail" in receipt.content.decode()
    assert len(smtp_server.messages) == 1


@pytest.mark.parametrize("address", ["", "ikke-en-adresse", "a@b", "x" * 300 + "@b.dk"])
def test_invalid_address_is_a_danish_form_error(client, smtp_server, address):
    response = client.post("/soeg/besked/", {"email": address})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Du er ikke tilmeldt endnu" in text
    assert 'aria-invalid="true"' in text
    assert not SearchAlert.objects.exists()
    assert smtp_server.messages == []


def test_a_too_long_query_is_refused(client):
    response = client.get("/soeg/besked/", {"q": "ord " * 200})
    assert response.status_code == 400
    assert "Søgningen er for lang" in response.content.decode()
    response = client.post("/soeg/besked/?q=" + "ord+" * 200, {"email": "a@b.dk"})
    assert response.status_code == 400
    assert not SearchAlert.objects.exists()


def test_the_honeypot_gets_a_receipt_and_nothing_else(client, smtp_server):
    response = client.post("/soeg/besked/", {"email": "bot@eksempel.dk", "fax": "x"})
    assert response.status_code == 200
    assert "Tjek din e-mail" in response.content.decode()
    assert not SearchAlert.objects.exists()
    assert smtp_server.messages == []


def test_subscriptions_are_rate_limited_per_client(client, smtp_server):
    for number in range(5):
        response = client.post(
            "/soeg/besked/", {"email": f"p{number}@eksempel.dk"}, REMOTE_ADDR="10.1.1.1"
        )
        assert response.status_code == 200
    response = client.post(
        "/soeg/besked/", {"email": "p9@eksempel.dk"}, REMOTE_ADDR="10.1.1.1"
    )
    assert response.status_code == 429
    assert "flere tilmeldinger fra dig" in response.content.decode()
    other = client.post(
        "/soeg/besked/", {"email": "q@eksempel.dk"}, REMOTE_ADDR="10.2.2.2"
    )
    assert other.status_code == 200
    assert SearchAlert.objects.count() == 6


def test_a_mail_server_that_is_down_gives_a_danish_error(client, settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard: nothing listens
    settings.EMAIL_TIMEOUT = 2
    response = client.post("/soeg/besked/", {"email": ADDRESS})
    assert response.status_code == 503
    assert "Vi kunne ikke sende e-mailen" in response.content.decode()
    assert ADDRESS.lower() not in caplog.text.lower()


def test_the_alert_link_is_on_the_search_page_but_not_the_case_listing(client):
    from tests.factories import case_index

    case_index()
    search = client.get("/soeg/?q=robot&tema=x").content.decode()
    assert 'href="/soeg/besked/?q=robot&amp;tema=x"' in search
    assert "Få besked om nye værktøjer" not in client.get("/cases/").content.decode()


def test_the_digest_command_reports_the_count(smtp_server, sectors):
    from io import StringIO

    alert = SearchAlert.objects.create(
        email="c@eksempel.dk",
        confirmed_at=timezone.now() - timedelta(days=1),
    )
    make_tool(title="Ugens værktøj")
    out = StringIO()
    call_command("send_alert_digests", stdout=out)
    assert "1 e-mails sendt" in out.getvalue()
    [digest] = smtp_server.wait_for(1)
    assert "Ugens værktøj" in body(digest)
    assert "alle nye værktøjer" in body(digest).lower()
    alert.refresh_from_db()
    assert alert.last_sent_at is not None


def test_a_deleted_filter_term_does_not_widen_the_alert(smtp_server, sectors):
    production, _health = sectors
    SearchAlert.objects.create(
        email="d@eksempel.dk",
        query_string="sektor=produktion",
        confirmed_at=timezone.now() - timedelta(days=1),
    )
    production.delete()
    make_tool(title="Et helt andet værktøj")
    assert send_all_digests() == 0
    assert smtp_server.messages == []


@pytest.mark.elasticsearch
def test_the_digest_on_elasticsearch_mails_only_public_matches(
    elasticsearch_url, smtp_server, sectors
):
    from search import indexing
    from search.service import run_search
    from tests.search.conftest import clear_search_caches, es_settings

    production, health = sectors
    SearchAlert.objects.create(
        email="e@eksempel.dk",
        query_string="q=robotsvejsning&sektor=produktion",
        confirmed_at=timezone.now() - timedelta(days=1),
    )
    partner = make_partner(sectors=[production])
    make_tool(partner, title="Robotsvejsning for begyndere", sectors=[production])
    make_tool(
        partner,
        title="Promptbibliotek til robotsvejsning",
        access=Access.PARTNERS,
        sectors=[production],
    )
    make_tool(title="Robotsvejsning i sundhed?", sectors=[health])
    make_tool(title="Maskinsyn i produktionen", sectors=[production])
    clear_search_caches()
    with es_settings(elasticsearch_url):
        indexing.rebuild(progress=False)
        try:
            from search.alerts import search_request

            request = search_request("q=robotsvejsning&sektor=produktion")
            assert run_search(request, None, log=False).backend == "elasticsearch"
            assert send_all_digests() == 1
        finally:
            indexing.delete_all()
            clear_search_caches()
    [digest] = smtp_server.wait_for(1)
    text = body(digest)
    assert "Robotsvejsning for begyndere" in text
    assert "Promptbibliotek til robotsvejsning" not in text
    assert "Robotsvejsning i sundhed?" not in text
    assert "Maskinsyn i produktionen" not in text


def test_editors_see_the_number_of_subscribers_but_no_addresses(client):
    from tests.factories import make_editor, make_partner_editor

    now = timezone.now()
    SearchAlert.objects.create(email="synlig1@eksempel.dk", confirmed_at=now)
    SearchAlert.objects.create(
        email="synlig2@eksempel.dk", query_string="q=robot", confirmed_at=now
    )
    SearchAlert.objects.create(email="ubekraeftet@eksempel.dk")
    client.force_login(make_editor())
    text = client.get("/admin/").content.decode()
    assert "2 abonnenter på nye værktøjer" in text
    assert "eksempel.dk" not in text

    client.force_login(make_partner_editor(make_partner()))
    assert "abonnenter på nye værktøjer" not in client.get("/admin/").content.decode()


# Issue 18: mails to an address nobody has confirmed quote nothing the
# visitor typed; no answer tells who is subscribed; links are single use.

PHISH = "Din konto lukkes i dag. Log ind på https://evil.example/login"


def test_the_confirmation_mail_never_quotes_the_search_words(
    client, smtp_server, sectors
):
    response = client.post(
        "/soeg/besked/?" + urlencode({"q": PHISH, "sektor": "produktion"}),
        {"email": ADDRESS},
    )
    assert response.status_code == 200
    [confirmation] = smtp_server.wait_for(1)
    text = everything(confirmation)
    assert "evil" not in text
    assert "konto lukkes" not in text
    # The vocabulary is the site's own: it may be named.
    assert "sektor: Produktion og fremstilling" in text
    # Once confirmed, the owner of the address sees the words on the site.
    path = link_path(body(confirmation), "/soeg/besked/bekraeft/")
    assert "konto lukkes" in client.get(path).content.decode()


def test_one_address_gets_a_bounded_number_of_mails_from_any_client(
    smtp_server, sectors
):
    from core.mailing import RECIPIENT_LIMIT

    for number in range(RECIPIENT_LIMIT + 3):
        # A new client address and a new search every time.
        response = Client(REMOTE_ADDR=f"10.9.0.{number}").post(
            f"/soeg/besked/?q=ord{number}", {"email": ADDRESS}
        )
        assert response.status_code == 200
        assert "Tjek din e-mail" in response.content.decode()
    smtp_server.wait_for(RECIPIENT_LIMIT)
    time.sleep(0.3)  # would-be extra mails would have arrived by now
    assert len(smtp_server.messages) == RECIPIENT_LIMIT
    # Another address is not affected.
    Client(REMOTE_ADDR="10.9.1.1").post("/soeg/besked/", {"email": "b@eksempel.dk"})
    smtp_server.wait_for(RECIPIENT_LIMIT + 1)


def test_a_mail_outage_answers_a_subscribed_and_a_new_address_alike(
    client, smtp_server, sectors, settings
):
    subscribe_from_listing(client, "/vaerktoejer/")
    confirm_from_mail(client, smtp_server.wait_for(1)[0])
    settings.EMAIL_PORT = 9  # discard: nothing listens
    settings.EMAIL_TIMEOUT = 2
    answers = []
    for address in (ADDRESS, "ny.person@eksempel.dk"):
        response = client.post("/soeg/besked/", {"email": address})
        text = re.sub(r'value="[^"]*"', "", response.content.decode())
        answers.append((response.status_code, text))
    assert answers[0] == answers[1]
    assert answers[0][0] == 503


@pytest.mark.parametrize(
    "address", ["x@[127.0.0.1]", "x@[IPv6:::1]", "Anna@[10.0.0.1]"]
)
def test_domain_literal_addresses_are_refused_in_danish(client, smtp_server, address):
    response = client.post("/soeg/besked/", {"email": address})
    assert response.status_code == 400
    text = response.content.decode()
    assert "med et domænenavn" in text
    assert not SearchAlert.objects.exists()
    assert smtp_server.messages == []


def test_the_confirm_link_works_once(client, smtp_server, sectors):
    subscribe_from_listing(client, "/vaerktoejer/")
    [confirmation] = smtp_server.wait_for(1)
    path = link_path(body(confirmation), "/soeg/besked/bekraeft/")
    confirm_from_mail(client, confirmation)
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404
    assert SearchAlert.objects.get().is_confirmed
