"""The login form of both the site (/login/) and the Wagtail admin
(/admin/login/, through WAGTAILADMIN_USER_LOGIN_FORM), which stops password
guessing.

Every attempt is counted per client address and per username (both as
keyed hashes, core.ratelimit) before the password is checked, so a burst
of parallel requests cannot slip past the limit. Past the limit an attempt
is refused without checking the password at all, so the answer is the same
whether the user exists or not and whether the password was right. A
successful login takes its attempt back and clears the username's count;
the address's earlier failures still stand, so one valid account cannot
wipe out the failures of guesses against others.

The counts live in the default cache: with several server processes it must
be a shared cache (Redis, Memcached), or each process counts on its own.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm

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
