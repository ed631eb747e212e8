from django.core.management.base import BaseCommand

from competence.privacy import RESULT_RETENTION_DAYS, purge_expired_results


class Command(BaseCommand):
    help = (
        "Sletter resultater af kompetencetjekket, som ingen har åbnet i "
        f"{RESULT_RETENTION_DAYS} dage (med deres kompetenceplaner)."
    )

    def handle(self, *args, **options):
        count = purge_expired_results()
        self.stdout.write(f"Slettede {count} resultater af kompetencetjekket.")
