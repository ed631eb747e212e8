"""Runs one `search_index rebuild` in this process and prints JSON: documents,
seconds, documents per second, and resident memory sampled every 0.2 s
(start, peak, end) plus the kernel's peak (ru_maxrss)."""

import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()


def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    from search import indexing

    samples = [rss_mb()]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            samples.append(rss_mb())
            time.sleep(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    stats = indexing.rebuild(progress=False)
    stop.set()
    thread.join()
    samples.append(rss_mb())
    print(
        json.dumps(
            {
                "documents": stats.documents,
                "seconds": round(stats.seconds, 2),
                "docs_per_second": round(stats.docs_per_second),
                "rss_start_mb": round(samples[0], 1),
                "rss_peak_mb": round(max(samples), 1),
                "rss_end_mb": round(samples[-1], 1),
                "maxrss_mb": round(
                    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
                ),
            }
        )
    )


if __name__ == "__main__":
    main()
