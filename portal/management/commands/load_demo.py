import os
import secrets
import time

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from figures.demo import load_demo_figures
from portal.demo.builders import DemoBuilder
from portal.demo.scale import add_synthetic

DEFAULT_PASSWORD = "demo-adgang-2026"  # noqa: S105 - printed demo default
ADMIN_URL = "http://127.0.0.1:8000/admin/"


def live_indexing_paused():
    """The portal's search index is rebuilt once at the end instead of on
    every publish."""
    return override_settings(SEARCH_LIVE_INDEXING=False)


class Command(BaseCommand):
    help = (
        "Opretter et realistisk dansk demodatasæt (idempotent). Med --scale N "
        "tilføjes N syntetiske værktøjer og N syntetiske cases til benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            choices=["full", "small"],
            default="full",
            help="full: ca. 70 partnere, 150 værktøjer, 120 cases; small: til test.",
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="Tilføj N syntetiske værktøjer og N syntetiske cases (bulk).",
        )
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="Genopbyg ikke søgeindekset bagefter.",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help=(
                "Opret demodata, selv om indstillingerne ikke tillader det "
                "(DEMO_ALLOWED, fx produktion). Demobrugerne får en tilfældig "
                "adgangskode, som vises én gang."
            ),
        )

    def handle(self, *args, size, scale, no_index, allow_production, **options):
        if scale < 0:
            raise CommandError("--scale skal være 0 eller større.")
        # Only settings that say so (dev, test) get the well-known password;
        # any other settings module counts as production.
        production = not getattr(settings, "DEMO_ALLOWED", False)
        if production and not allow_production:
            raise CommandError(
                "load_demo kører ikke med produktionsindstillinger: demobrugerne "
                "ville få en kendt adgangskode. Brug --allow-production, hvis du "
                "vil have demodata her; brugerne får så en tilfældig adgangskode, "
                "som vises én gang."
            )
        if production:
            password = secrets.token_urlsafe(18)
        else:
            password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        started = time.monotonic()
        builder = DemoBuilder(size=size, password=password)
        with live_indexing_paused(), transaction.atomic():
            created = builder.build()
            created["tal-rapporter"] = load_demo_figures()
        self.report(created, time.monotonic() - started)
        call_command("set_site_address", stdout=self.stdout)

        if scale:
            started = time.monotonic()
            with live_indexing_paused():
                added = add_synthetic(
                    scale,
                    builder=builder,
                    stdout=self.stdout,
                    verbosity=options["verbosity"],
                )
            self.stdout.write(
                f"Tilføjede {added['tools']} syntetiske værktøjer og "
                f"{added['cases']} syntetiske cases på "
                f"{time.monotonic() - started:.1f} s."
            )
        if not no_index:
            # Also on a run that changes nothing: a database migrated since
            # the last run may have an empty search text table.
            call_command("search_text", "rebuild", stdout=self.stdout)
        if (sum(created.values()) or scale) and not no_index:
            self.rebuild_search_index()
        if production:
            self.print_production_logins(builder, password, created["brugere"])
        else:
            self.print_logins(builder, password)

    def report(self, created, seconds):
        if not sum(created.values()):
            self.stdout.write(
                f"Demodata findes allerede; intet ændret ({seconds:.1f} s)."
            )
            return
        parts = ", ".join(f"{count} {name}" for name, count in sorted(created.items()))
        self.stdout.write(self.style.SUCCESS(f"Oprettet: {parts} ({seconds:.1f} s)."))

    def rebuild_search_index(self):
        if not getattr(settings, "ELASTICSEARCH_URL", ""):
            return
        if "search_index" not in get_commands():
            return
        self.stdout.write("Genopbygger søgeindekset ...")
        try:
            call_command("search_index", "rebuild", stdout=self.stdout)
        except Exception as error:  # noqa: BLE001 - the demo data stays usable
            self.stderr.write(
                self.style.WARNING(f"Søgeindekset blev ikke genopbygget: {error}")
            )

    def print_logins(self, builder, password):
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Log ind på {ADMIN_URL}"))
        self.stdout.write(f"  brugernavn: admin  adgangskode: {password}")
        others = ", ".join(username for username, _role in builder.logins[1:])
        self.stdout.write(f"  andre brugere (samme adgangskode): {others}")
        self.stdout.write(
            "  (adgangskoden sættes kun for nye brugere; "
            "sæt DEMO_PASSWORD for en anden)"
        )

    def print_production_logins(self, builder, password, new_users):
        self.stdout.write("")
        if not new_users:
            self.stdout.write(
                "Demobrugerne fandtes allerede; deres adgangskoder er ikke ændret."
            )
            return
        usernames = ", ".join(username for username, _role in builder.logins)
        self.stdout.write(self.style.SUCCESS("Nye demobrugere: " + usernames))
        self.stdout.write(f"  adgangskode: {password}")
        self.stdout.write(
            "  Adgangskoden vises kun denne ene gang og gælder kun brugere, der "
            "blev oprettet nu. Skift den ved første login."
        )
