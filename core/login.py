"""The throttled forms for every password the site takes: the login form of
the site (/login/, and Wagtail's front-end login /_util/login/, which
portal/urls.py serves with the same view) and of the Wagtail admin
(/admin/login/, through WAGTAILADMIN_USER_LOGIN_FORM), and the shared
passwords of Wagtail's privacy restrictions on pages and document
collections.

Every attempt is counted per client address and per username (both as
keyed hashes, core.ratelimit) before the password is checked, so a burst
of parallel requests cannot slip past the limit. Past the limit an attempt
is refused without checking the password at all, so the answer is the same
whether the user exists or not and whether the password was right. A
successful login takes its attempt back and clears the username's count;
the address's earlier failures still stand, so one valid account cannot
wipe out the failures of guesses against others.

The counts live where core.ratelimit keeps them: in the shared cache
when REDIS_URL is set, otherwise in the database, so every process sees the
same count.
"""

from django import forms
from django.conf import settings
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from wagtail.admin.forms.auth import LoginForm
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from core.ratelimit import client_key, hit_rate_limit, reset_rate_limit, undo_hit

LOGIN_WINDOW = 15 * 60
USERNAME_LIMIT = 5
# Higher: everyone behind an office's or a school's router shares one address.
ADDRESS_LIMIT = 20
USERNAME_SCOPE = "login-username"
ADDRESS_SCOPE = "login-address"


class ThrottledLoginForm(LoginForm):
    """Wagtail's login form (its "remember me" box is only shown in the
    admin) with failed attempts limited per address and per username."""

    error_messages = {
        **LoginForm.error_messages,
        "invalid_login": _("Brugernavn eller adgangskode er forkert. Prøv igen."),
        "throttled": _(
            "For mange mislykkede loginforsøg. Prøv igen om %(minutes)d minutter."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return super().clean()

        counted = [(USERNAME_SCOPE, username.casefold(), USERNAME_LIMIT)]
        if self.request is not None:
            counted.append((ADDRESS_SCOPE, client_key(self.request), ADDRESS_LIMIT))
        over = [
            hit_rate_limit(scope, key, limit, LOGIN_WINDOW)
            for scope, key, limit in counted
        ]
        if any(over):
            raise forms.ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": LOGIN_WINDOW // 60},
            )

        cleaned_data = super().clean()
        reset_rate_limit(USERNAME_SCOPE, username.casefold())
        if self.request is not None:
            undo_hit(ADDRESS_SCOPE, client_key(self.request))
        return cleaned_data


# A restriction's password is shared by everyone who may read the page, so a
# lock on the restriction locks them all out: its limit is higher than a
# username's, and an address's is lower than at login, where many colleagues
# behind one router each have their own account.
PASSWORD_ADDRESS_LIMIT = 10
PASSWORD_RESTRICTION_LIMIT = 30
PASSWORD_ADDRESS_SCOPE = "restriction-password-address"  # noqa: S105 - a name


class ThrottledPasswordViewRestrictionForm(PasswordViewRestrictionForm):
    """Wagtail's form for a page's or a document collection's password, with
    attempts limited per address and per restriction like logins: counted
    before the password is compared, refused unchecked past the limit."""

    error_messages = {
        "invalid": _("Adgangskoden er forkert. Prøv igen."),
        "throttled": _(
            "For mange forkerte adgangskoder. Prøv igen om %(minutes)d minutter."
        ),
    }

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        restriction_scope = f"restriction-password:{self.restriction._meta.label}"
        address = client_key(self.request)
        # The address first, and the restriction only while the address is
        # under its limit: one address alone can never lock the page.
        over = hit_rate_limit(
            PASSWORD_ADDRESS_SCOPE, address, PASSWORD_ADDRESS_LIMIT, LOGIN_WINDOW
        ) or hit_rate_limit(
            restriction_scope,
            str(self.restriction.pk),
            PASSWORD_RESTRICTION_LIMIT,
            LOGIN_WINDOW,
        )
        if over:
            raise forms.ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": LOGIN_WINDOW // 60},
            )
        try:
            password = super().clean_password()
        except forms.ValidationError:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None
        # The right password takes this attempt back, but leaves the other
        # failures counted: unlike a username's, a restriction's password is
        # entered by many readers, and each success must not hand guessers
        # from other addresses a fresh allowance.
        undo_hit(restriction_scope, str(self.restriction.pk))
        undo_hit(PASSWORD_ADDRESS_SCOPE, address)
        return password


def _passed(request, form, restriction):
    return_url = form.cleaned_data["return_url"]
    if not url_has_allowed_host_and_scheme(
        return_url,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return_url = settings.LOGIN_REDIRECT_URL
    restriction.mark_as_passed(request)
    return redirect(return_url)


# Both views replace Wagtail's own at the same paths (portal/urls.py puts them
# before Wagtail's); they differ from Wagtail's only in the form.
@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def authenticate_with_page_password(request, page_view_restriction_id, page_id):
    restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
    page = get_object_or_404(Page, id=page_id).specific
    data = request.POST if request.method == "POST" else None
    form = ThrottledPasswordViewRestrictionForm(
        data, instance=restriction, request=request
    )
    if data is not None and form.is_valid():
        return _passed(request, form, restriction)
    action_url = reverse(
        "wagtailcore_authenticate_with_password", args=[restriction.id, page.id]
    )
    return page.serve_password_required_response(request, form, action_url)


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def authenticate_with_document_password(request, restriction_id):
    restriction = get_object_or_404(CollectionViewRestriction, id=restriction_id)
    data = request.POST if request.method == "POST" else None
    form = ThrottledPasswordViewRestrictionForm(
        data, instance=restriction, request=request
    )
    if data is not None and form.is_valid():
        return _passed(request, form, restriction)
    action_url = reverse(
        "wagtaildocs_authenticate_with_password", args=[restriction.id]
    )
    template = getattr(
        settings,
        "WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE",
        "wagtaildocs/password_required.html",
    )
    return TemplateResponse(request, template, {"form": form, "action_url": action_url})
