from django.db import models


class RateLimitCounter(models.Model):
    """Attempts of one client (or username, or restriction) in one scope in
    the current window, for core.ratelimit when no shared cache is
    configured or the shared cache is unreachable: the database is what
    every process sees."""

    scope = models.CharField(max_length=100)
    # A keyed hash of the key: addresses and usernames are never stored.
    key_hash = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key_hash"], name="unique_rate_limit_counter"
            )
        ]

    def __str__(self):
        return f"{self.scope}: {self.count}"
