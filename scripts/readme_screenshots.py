"""Screenshots of the home and search pages for the README.

Builds a throw-away SQLite site with the demo content (load_demo), serves it
with runserver and photographs it with Debian's chromium through Playwright.
Writes docs/screenshots/*.png: home, search, the catalogue on a phone and
a comparison of three tools.

    scripts/screenshots            # or: .venv/bin/python scripts/readme_screenshots.py
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PYTHON = sys.executable
SHOTS = [
    ("home.png", "/", {"width": 1280, "height": 1500}),
    ("search.png", "/soeg/?q=sidemandsoplæring", {"width": 1280, "height": 1100}),
    ("catalogue-phone.png", "/vaerktoejer/", {"width": 375, "height": 667}),
    # The {compare} ids are three public demo tools, looked up after loading.
    ("compare.png", "/sammenlign/?{compare}", {"width": 1280, "height": 1000}),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"screenshots: {url} did not answer")


def manage(env, *args, **kwargs):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs
    )


def main():
    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit("screenshots: Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="vk-screenshots-") as tmp:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "ELASTICSEARCH_URL"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="portal.settings.dev",
            DEBUG="true",
            DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3",
            MEDIA_ROOT=f"{tmp}/media",
        )
        print("screenshots: building the demo site", file=sys.stderr)
        manage(env, "migrate", "--no-input", stdout=subprocess.DEVNULL)
        manage(env, "load_demo", stdout=subprocess.DEVNULL)
        ids = manage(
            env,
            "shell",
            "-c",
            "from toolbox.models import ToolPage; "
            "tools = ToolPage.objects.listable().order_by('pk'); "
            "print(*tools.values_list('pk', flat=True)[:3])",
            capture_output=True,
            text=True,
        ).stdout.splitlines()[-1].split()  # the shell may report its imports first
        compare = "&".join(f"id={pk}" for pk in ids)
        port = free_port()
        server = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/")
            OUT.mkdir(parents=True, exist_ok=True)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium, args=["--headless", "--no-sandbox"]
                )
                for name, path, viewport in SHOTS:
                    page = browser.new_page(viewport=viewport, locale="da-DK")
                    page.goto(
                        base + path.format(compare=compare), wait_until="networkidle"
                    )
                    page.screenshot(path=OUT / name)
                    page.close()
                    print(f"screenshots: wrote {OUT / name}", file=sys.stderr)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
