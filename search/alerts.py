"""Alerts for a search ("Få besked om nye værktøjer").

A visitor saves the search of a listing or the search page with an e-mail
address, confirms it from a mail (double opt-in), and then gets a weekly
digest of the tools first published since the last one that match it.

Alerts are public-only by design: the digest searches as an anonymous
visitor, whoever subscribed, so a partners-only tool is never mailed (a mail
can be forwarded, and the address was never tied to an account).

Addresses never appear in logs: log lines name an alert by its id only."""

import logging
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from django_tasks import task

from core.links import absolute_url, page_path, page_url
from core.mailing import mail_server_reachable, may_mail
from search.models import SearchAlert, new_alert_token
from search.params import parse_search_params
from search.service import run_search
from search.types import (
    MAX_PAGE_SIZE,
    MAX_RESULT_WINDOW,
    SORT_NEWEST,
    TOOL,
    SearchRequest,
    facets_for,
)
from toolbox.models import ToolIndexPage, ToolPage

logger = logging.getLogger("search.alerts")

# A confirmation link older than this no longer works, and the digest run
# deletes the unconfirmed alert: an address nobody confirmed is not kept.
CONFIRM_WINDOW = timedelta(days=7)
SUBSCRIBE_LIMIT = 5
SUBSCRIBE_WINDOW = 60 * 60
MAX_ITEMS_PER_DIGEST = 50
ALERT_FACETS = facets_for(TOOL)


class AlertSearchTooLong(ValueError):
    """The saved search does not fit in SearchAlert.query_string."""


def saved_search(params):
    """The canonical query string of the alert for a request's parameters:
    the query and the tool facets only (no sort, page or page size), values
    known to the taxonomy, in a stable order. Raises SearchInputError for a
    query too long to search, AlertSearchTooLong for a search too big to
    save."""
    wanted = QueryDict(mutable=True)
    wanted["q"] = params.get("q", "")
    for facet in ALERT_FACETS:
        wanted.setlist(facet.param, params.getlist(facet.param))
    request = parse_search_params(wanted, kind=TOOL)
    canonical = QueryDict(mutable=True)
    if request.query:
        canonical["q"] = request.query
    for facet in ALERT_FACETS:
        values = request.filters.get(facet.param)
        if values:
            canonical.setlist(facet.param, sorted(values))
    encoded = canonical.urlencode()
    if len(encoded) > SearchAlert._meta.get_field("query_string").max_length:
        raise AlertSearchTooLong(encoded)
    return encoded


def search_request(query_string, page=1):
    """The SearchRequest a saved search stands for: tools, newest first."""
    params = QueryDict(query_string)
    request = parse_search_params(params, kind=TOOL)
    return SearchRequest(
        query=request.query,
        filters=request.filters,
        sort=SORT_NEWEST,
        page=page,
        page_size=MAX_PAGE_SIZE,
        kind=TOOL,
    )


def describe(query_string, quote_words=True):
    """The saved search in words, for the form and the mails. Without
    quote_words the search words are only mentioned, not quoted: they are a
    stranger's text until the owner of the address has confirmed."""
    request = search_request(query_string)
    parts = []
    if request.query and quote_words:
        parts.append(_("søgeord »%(query)s«") % {"query": request.query})
    elif request.query:
        parts.append(_("de søgeord, der blev skrevet i formularen"))
    for facet in ALERT_FACETS:
        values = request.filters.get(facet.param)
        if values:
            labels = ", ".join(facet.labels(values))
            parts.append(f"{facet.noun}: {labels}")
    if not parts:
        return _("alle nye værktøjer")
    return _("nye værktøjer med %(criteria)s") % {"criteria": "; ".join(parts)}


def listing_url(query_string, request=None):
    """The saved search on the tool listing: relative to the request when
    there is one, else absolute (for mails)."""
    index = ToolIndexPage.objects.live().first()
    path = page_path(index, request) if index is not None else "/"
    url = path if request is not None else absolute_url(path)
    return f"{url}?{query_string}" if query_string else url


def lost_filters(query_string):
    """Whether a filter of the saved search no longer matches any term (a
    sector or theme deleted since): searching without it would mail far
    more than was asked for."""
    params = QueryDict(query_string)
    request = search_request(query_string)
    return any(
        params.getlist(facet.param) and not request.filters.get(facet.param)
        for facet in ALERT_FACETS
    )




def confirm_url(alert, request=None):
    path = reverse("search:alert-confirm", args=[alert.confirm_token])
    return absolute_url(path, request)


def unsubscribe_url(alert, request=None):
    path = reverse("search:alert-unsubscribe", args=[alert.unsubscribe_token])
    return absolute_url(path, request)


def normalise_email(address):
    """The address with its domain in lower case (the local part is the
    mail server's to interpret), so one address is one subscriber."""
    local, _at, domain = address.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def subscribe(email, query_string, request=None):
    """Saves the alert unconfirmed and mails the confirmation link. Asking
    again for an unconfirmed alert sends the link again; for a confirmed one
    nothing happens. The visitor is told the same in every case, so the
    form never reveals whether an address is subscribed. Returns False
    when the confirmation mail could not be sent."""
    email = normalise_email(email)
    alert = SearchAlert.objects.filter(email=email, query_string=query_string).first()
    if alert is None:
        try:
            with transaction.atomic():
                alert = SearchAlert.objects.create(
                    email=email, query_string=query_string
                )
        except IntegrityError:  # the same request twice at once
            alert = SearchAlert.objects.get(email=email, query_string=query_string)
    if alert.is_confirmed:
        logger.info("search alert %s: asked for again; already confirmed", alert.pk)
        # No mail, but the same answer as for a mail sent (or not) now.
        return mail_server_reachable()
    if timezone.now() - alert.created_at > CONFIRM_WINDOW:
        # A fresh window and a fresh link for an old, never confirmed alert.
        alert.delete()
        alert = SearchAlert.objects.create(email=email, query_string=query_string)
    if not may_mail(email):
        logger.info("search alert %s: the address has had its mails", alert.pk)
        return mail_server_reachable()
    return send_confirmation(alert, request)


def send_confirmation(alert, request=None):
    context = {
        "criteria": describe(alert.query_string, quote_words=False),
        "confirm_url": confirm_url(alert, request),
        "days": CONFIRM_WINDOW.days,
    }
    message = EmailMessage(
        subject=_("Bekræft din besked om nye værktøjer"),
        body=render_to_string("search/alerts/confirm_email.txt", context),
        to=[alert.email],
    )
    return _send(message, alert, "confirmation")


def _send(message, alert, what):
    """Sends the mail; False when the mail server refused it or could not
    be reached."""
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - the caller tells the visitor
        # Only the type: SMTP errors quote the recipients, the log must not.
        logger.error(
            "search alert %s: the %s mail failed (%s)",
            alert.pk,
            what,
            type(error).__name__,
        )
        return False
    logger.info("search alert %s: %s mail sent", alert.pk, what)
    return True


def confirmable(token):
    """The unconfirmed alert of a confirm token still inside its window, or
    None. A confirmed alert has a new token nobody knows: the link works
    once."""
    alert = SearchAlert.objects.filter(
        confirm_token=token, confirmed_at__isnull=True
    ).first()
    if alert is None or timezone.now() - alert.created_at > CONFIRM_WINDOW:
        return None
    return alert


def confirm(alert):
    """Confirms the alert and retires its confirm link."""
    if not alert.is_confirmed:
        alert.confirmed_at = timezone.now()
        alert.confirm_token = new_alert_token()
        alert.save(update_fields=["confirmed_at", "confirm_token"])
        logger.info("search alert %s confirmed", alert.pk)
    return alert


def unsubscribe(alert):
    """Deletes the alert, address and all: nothing is kept of it."""
    pk = alert.pk
    alert.delete()
    logger.info("search alert %s unsubscribed and deleted", pk)


def new_tools(alert, until):
    """The tools first published after the alert's last digest (or its
    confirmation) and up to `until` that match its search as an anonymous
    visitor sees it, newest first."""
    since = alert.last_sent_at or alert.confirmed_at
    anonymous = AnonymousUser()
    public = ToolPage.objects.visible_to(anonymous)
    found = []
    page = 1
    while True:
        request = search_request(alert.query_string, page=page)
        results = run_search(request, anonymous, log=False)
        ids = [hit.page_id for hit in results.hits if hit.kind == TOOL]
        # The database is the judge of access and publish time, whichever
        # backend answered.
        published = dict(
            public.filter(pk__in=ids).values_list("pk", "first_published_at")
        )
        reached_older = False
        for page_id in ids:
            first = published.get(page_id)
            if first is None:
                continue
            if first <= since:
                reached_older = True
            elif first <= until:
                found.append(page_id)
        if (
            reached_older
            or not results.has_next
            or results.page != page
            or page * MAX_PAGE_SIZE >= MAX_RESULT_WINDOW
            or len(found) >= MAX_ITEMS_PER_DIGEST
        ):
            break
        page += 1
    found = found[:MAX_ITEMS_PER_DIGEST]
    tools = {tool.pk: tool for tool in public.filter(pk__in=found).specific()}
    return [tools[pk] for pk in found if pk in tools]


def send_digest(alert, until):
    """Mails the alert's new tools, if there are any, and remembers the
    time. Returns whether a mail was sent."""
    if lost_filters(alert.query_string):
        logger.warning("search alert %s: a saved filter no longer exists", alert.pk)
        return False
    tools = new_tools(alert, until)
    if not tools:
        return False
    unsubscribe = unsubscribe_url(alert)
    context = {
        "criteria": describe(alert.query_string),
        "items": [
            {
                "title": tool.title,
                "summary": tool.summary,
                "url": page_url(tool),
            }
            for tool in tools
        ],
        "count": len(tools),
        "listing_url": listing_url(alert.query_string),
        "unsubscribe_url": unsubscribe,
    }
    subject = (
        _("Et nyt værktøj i Værktøjskassen")
        if len(tools) == 1
        else _("%(count)d nye værktøjer i Værktøjskassen") % {"count": len(tools)}
    )
    message = EmailMessage(
        subject=subject,
        body=render_to_string("search/alerts/digest_email.txt", context),
        to=[alert.email],
        headers={
            # RFC 8058 one-click unsubscribe: the URL takes a plain POST.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    if not _send(message, alert, "digest"):
        return False
    SearchAlert.objects.filter(pk=alert.pk).update(last_sent_at=until)
    return True


def send_all_digests(now=None):
    """One digest per confirmed alert with something new; deletes alerts
    never confirmed within CONFIRM_WINDOW. Returns the number of mails
    sent. One failing alert does not stop the others."""
    now = now or timezone.now()
    expired, _kinds = SearchAlert.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - CONFIRM_WINDOW
    ).delete()
    if expired:
        logger.info("search alerts: %d unconfirmed alerts expired", expired)
    sent = 0
    for alert in SearchAlert.objects.filter(confirmed_at__isnull=False).iterator():
        try:
            sent += send_digest(alert, now)
        except Exception:  # noqa: BLE001 - the next alert still gets its mail
            logger.exception("search alert %s: digest failed", alert.pk)
    logger.info("search alerts: %d digests sent", sent)
    return sent


@task()
def send_alert_digests():
    """Task: the weekly digests (`manage.py send_alert_digests` from cron,
    or enqueued to the db_worker). Returns the number of mails sent."""
    return send_all_digests()
