from django.core.management.base import BaseCommand

from search.alerts import send_alert_digests


class Command(BaseCommand):
    help = (
        "Sends the weekly digests of the alerts (\u201dFå besked om nye "
        "værktøjer\u201d): one mail per confirmed alert with new public tools. "
        "Run it once a week from cron; --enqueue hands it to the task worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="enqueue the task for db_worker instead of running it here",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = send_alert_digests.enqueue()
            self.stdout.write(f"Sat i kø som opgave {result.id}")
            return
        sent = send_alert_digests.call()
        self.stdout.write(self.style.SUCCESS(f"{sent} e-mails sendt"))
