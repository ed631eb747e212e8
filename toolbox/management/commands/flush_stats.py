from django.core.management.base import BaseCommand

from toolbox.engagement import flush_stats


class Command(BaseCommand):
    help = (
        "Adds the view and download counts waiting in the cache to ToolStats. "
        "Requests do this by themselves every TOOL_STATS_FLUSH_INTERVAL seconds; "
        "run it from cron when the cache is shared (Redis, Memcached), or by hand."
    )

    def handle(self, *args, **options):
        updated = flush_stats()
        self.stdout.write(
            self.style.SUCCESS(f"Updated usage figures for {updated} tools.")
        )
