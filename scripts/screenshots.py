"""Retake the README's screenshots of the example journal, with the browser the tests use.

    python scripts/screenshots.py

Builds the public view of journal/ (today pinned to 2026-11-23, so the pictures match
the example), serves it on localhost and saves docs/screenshots/*.png with Debian's
chromium through Playwright. Run it again whenever the pages change.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SHOTS = {  # file: (page, what to capture)
    "progress.png": ("progress/", "article"),
    "goal.png": ("goals/follower-count/", "article"),
    "network-map.png": ("network/", "figure.trellis-map"),
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = {
            **os.environ,
            "SOURCE_DATE_EPOCH": "1795392000",
            "TRELLIS_AUDIENCE": "public",
            "NO_MKDOCS_2_WARNING": "1",
        }
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
            env=env,
            check=True,
        )
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1100, "height": 900}, device_scale_factor=1)
            for name, (path, selector) in SHOTS.items():
                page.goto(base + path, wait_until="networkidle")
                # from the top of the page, so material's sticky header covers nothing
                box = page.locator(selector).first.bounding_box()
                page.screenshot(
                    path=str(OUT / name),
                    full_page=True,
                    clip={
                        "x": box["x"],
                        "y": max(box["y"] - 16, 0),
                        "width": box["width"],
                        "height": box["height"] + 16,
                    },
                )
                print(f"wrote {(OUT / name).relative_to(ROOT)}")
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
