from django.core.management.base import BaseCommand

from privacy.retention import RULES, purge_personal_data


class Command(BaseCommand):
    help = (
        "Sletter eller anonymiserer persondata, der er ældre end deres frist "
        "(privacy.retention). Kør den dagligt fra cron; --enqueue giver den "
        "til opgavearbejderen (db_worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="sæt opgaven i kø til db_worker i stedet for at køre den her",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = purge_personal_data.enqueue()
            self.stdout.write(f"Sat i kø som opgave {result.id}")
            return
        counts = purge_personal_data.call()
        for rule in RULES:
            self.stdout.write(f"{rule.kind}: {counts[rule.key]}")
        self.stdout.write(self.style.SUCCESS("Persondata ryddet op"))
