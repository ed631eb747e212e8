from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.client import alias_name, is_configured
from search.tasks import watch


class Command(BaseCommand):
    help = (
        "Manages the Elasticsearch index: rebuild (zero downtime), status, "
        "sync (repair every difference), verify (compare index and database, "
        "exit 1 on any difference), ensure (create and fill when missing), "
        "watch (drain queued updates and reconcile, until stopped)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "action",
            choices=["rebuild", "status", "sync", "verify", "ensure", "watch"],
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="no progress bar"
        )
        parser.add_argument(
            "--interval", type=float, default=5.0, help="watch: seconds between drains"
        )
        parser.add_argument(
            "--reconcile-every",
            type=float,
            default=600.0,
            help="watch: seconds between full reconciliations",
        )

    def handle(self, *args, action, no_progress=False, **options):
        self.options = options
        if not is_configured():
            raise CommandError(
                "Elasticsearch er ikke sat op (ELASTICSEARCH_URL mangler); "
                "databasesøgningen kræver intet indeks."
            )

        try:
            getattr(self, f"do_{action}")(indexing, not no_progress)
        except indexing.SearchClusterError as error:
            raise CommandError(str(error)) from error

    def do_rebuild(self, indexing, progress):
        stats = indexing.rebuild(progress=progress, stdout=self.stderr)
        self.stdout.write(
            self.style.SUCCESS(
                f"{stats.index}: {stats.documents} dokumenter på {stats.seconds:.1f} s "
                f"({stats.docs_per_second:.0f}/s); aliaset {alias_name()} peger "
                f"nu på det; {stats.caught_up} indhentet; slettet: "
                f"{', '.join(stats.removed) or '-'}"
            )
        )

    def do_status(self, indexing, progress):
        status = indexing.status()
        self.stdout.write(
            f"alias: {status['alias']} -> {', '.join(status['indices']) or '(intet)'}"
        )
        for kind, counts in status["kinds"].items():
            mark = "" if counts["index"] == counts["database"] else "  <- afvigelse"
            self.stdout.write(
                f"{kind}: indeks {counts['index']}, database {counts['database']}{mark}"
            )
        if status["drift"]:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(status['drift'])} dokumenter afviger, fx "
                    f"{', '.join(status['drift'][:10])}; kør `search_index sync`."
                )
            )
        elif status["indices"]:
            self.stdout.write(self.style.SUCCESS("indeks og database stemmer overens"))
        else:
            self.stdout.write(
                self.style.WARNING("intet indeks; kør `search_index rebuild`")
            )

    def do_sync(self, indexing, progress):
        keys = indexing.sync()
        self.stdout.write(self.style.SUCCESS(f"{len(keys)} dokumenter opdateret"))

    def do_verify(self, indexing, progress):
        found = indexing.differences()
        for difference in found[:50]:
            self.stdout.write(str(difference))
        if found:
            raise CommandError(
                f"{len(found)} dokumenter afviger mellem indeks og database; "
                "kør `search_index sync`."
            )
        self.stdout.write(self.style.SUCCESS("indeks og database stemmer overens"))

    def do_watch(self, indexing, progress):
        self.stdout.write(
            f"holder {alias_name()} ajour (hvert {self.options['interval']:g}. sekund)"
        )
        watch(
            interval=self.options["interval"],
            reconcile_every=self.options["reconcile_every"],
            stdout=self.stdout,
        )

    def do_ensure(self, indexing, progress):
        if indexing.ensure(stdout=self.stderr):
            self.stdout.write(self.style.SUCCESS(f"indeks oprettet bag {alias_name()}"))
        else:
            self.stdout.write(f"{alias_name()} findes allerede")
