"""Mail to an address a visitor typed into a public form (alerts, suggest a
tool).

Whoever fills in a form can type anybody's address, so such mail is written
for a stranger: it quotes nothing the visitor typed, and each address gets at
most RECIPIENT_LIMIT of them in RECIPIENT_WINDOW, whatever client asked for
them. The limit is counted with core.ratelimit under a keyed hash of the
address: the address itself is never a cache or database key.
"""

from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from core.ratelimit import hit_rate_limit

RECIPIENT_LIMIT = 3
RECIPIENT_WINDOW = 24 * 60 * 60
RECIPIENT_SCOPE = "mail-recipient"

DOMAIN_LITERAL_MESSAGE = _(
    "Skriv en e-mailadresse med et domænenavn, fx navn@eksempel.dk. "
    "Adresser med en IP-adresse i stedet for et domæne kan ikke bruges."
)


def recipient_key(address):
    """A keyed hash of the address, the same for every spelling of it that
    differs only in case or surrounding spaces."""
    return salted_hmac(
        "core.mailing.recipient", address.strip().lower(), algorithm="sha256"
    ).hexdigest()[:40]


def may_mail(address):
    """Counts one mail to the address and tells whether it may be sent: False
    once the address has had RECIPIENT_LIMIT mails in the window."""
    return not hit_rate_limit(
        RECIPIENT_SCOPE, recipient_key(address), RECIPIENT_LIMIT, RECIPIENT_WINDOW
    )


def validate_mail_domain(address):
    """Refuses domain literals (``x@[127.0.0.1]``): Django's EmailField accepts
    them, and they let a form make the site's mail server talk to any
    address on the network, the server's own loopback included."""
    domain = address.rpartition("@")[2]
    if domain.startswith("["):
        raise ValidationError(DOMAIN_LITERAL_MESSAGE, code="domain_literal")


def mail_server_reachable():
    """Whether the mail server takes a connection now. A form that sends no
    mail for some addresses (already subscribed, or over the limit) asks
    this instead, so its answer in an outage is the same for every
    address."""
    try:
        with get_connection():
            pass
    except Exception:  # noqa: BLE001 - any failure means "not now"
        return False
    return True
