import time

from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from search.backends.database import rebuild_search_text, search_text_status


class Command(BaseCommand):
    help = (
        "Manages the database search's full text (search.SearchText), which "
        "publishing keeps up to date: rebuild (every row, in one transaction; "
        "after a bulk import), status (rows against listable pages), verify "
        "(exit 1 when they differ)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status", "verify"])
        parser.add_argument(
            "--no-progress", action="store_true", help="no progress bar"
        )

    def handle(self, *args, action, no_progress=False, **options):
        getattr(self, f"do_{action}")(not no_progress)

    def do_rebuild(self, progress):
        bars = {}

        def report(kind, done, total):
            if kind not in bars:
                bars[kind] = tqdm(
                    total=total, desc=kind, unit="sider", file=self.stderr
                )
            bars[kind].update(done - bars[kind].n)

        started = time.monotonic()
        written = rebuild_search_text(progress=report if progress else None)
        for bar in bars.values():
            bar.close()
        seconds = time.monotonic() - started
        rows = sum(written.values())
        parts = ", ".join(f"{kind}: {count}" for kind, count in written.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"søgetekst genopbygget: {rows} sider ({parts}) på {seconds:.1f} s"
            )
        )

    def _differences(self):
        differences = []
        for kind, (rows, pages) in search_text_status().items():
            mark = "" if rows == pages else "  <- afvigelse"
            self.stdout.write(f"{kind}: søgetekst {rows}, sider {pages}{mark}")
            if rows != pages:
                differences.append(kind)
        return differences

    def do_status(self, progress):
        if self._differences():
            self.stdout.write(
                self.style.WARNING("kør `search_text rebuild` for at rette det")
            )
        else:
            self.stdout.write(self.style.SUCCESS("søgetekst og sider stemmer overens"))

    def do_verify(self, progress):
        if self._differences():
            raise CommandError(
                "søgeteksten afviger fra de publicerede sider; "
                "kør `search_text rebuild`."
            )
        self.stdout.write(self.style.SUCCESS("søgetekst og sider stemmer overens"))
