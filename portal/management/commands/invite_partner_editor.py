from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.models import PartnerPage
from core.roles import ensure_partner_editor_group


class Command(BaseCommand):
    help = (
        "Invites or creates a partner editor: the user joins the partner's editors "
        "group. New users get a password-reset e-mail to choose a password, or the "
        "password given with --password."
    )

    def add_arguments(self, parser):
        parser.add_argument("partner", help="the partner page's slug or id")
        parser.add_argument("email")
        parser.add_argument("--username", help="defaults to the e-mail address")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--password", help="set a password instead of e-mailing a link"
        )

    def handle(self, *args, **options):
        partner = self.find_partner(options["partner"])
        email = options["email"].strip().lower()
        if "@" not in email:
            raise CommandError(f"Ugyldig e-mailadresse: {email!r}")
        username = options["username"] or email
        User = get_user_model()
        with transaction.atomic():
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": email,
                    "first_name": options["first_name"],
                    "last_name": options["last_name"],
                },
            )
            if options["password"]:
                user.set_password(options["password"])
            elif created:
                user.set_unusable_password()
            user.save()
            group = ensure_partner_editor_group(partner)
            user.groups.add(group)
        if created and not options["password"]:
            self.send_invitation(user)
        verb = "Oprettede" if created else "Tilføjede"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {user.username} som partnerredaktør for {partner.title}"
            )
        )

    def find_partner(self, key):
        partners = PartnerPage.objects.all()
        partner = (
            partners.filter(pk=int(key)).first()
            if key.isdigit()
            else partners.filter(slug=key).first()
        )
        if partner is None:
            raise CommandError(f"Ingen partner med slug eller id {key!r}")
        return partner

    def send_invitation(self, user):
        form = PasswordResetForm(data={"email": user.email})
        if form.is_valid():
            # A user with an unusable password gets no reset mail from the
            # stock form, so the invitation sends to this user explicitly.
            form.get_users = lambda email: [user]
            form.save(
                domain_override=urlparse(settings.WAGTAILADMIN_BASE_URL).netloc,
                subject_template_name="wagtailadmin/account/password_reset/email_subject.txt",
                email_template_name="wagtailadmin/account/password_reset/email.txt",
            )
            self.stdout.write(f"Invitation sendt til {user.email}")
