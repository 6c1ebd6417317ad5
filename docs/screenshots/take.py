"""Take the screenshots in this folder: the web application on a synthetic regulation.

The pages are shown on the invented Riverside allotment-garden rules of the test fixtures
(tests/model/fixtures), not on a corpus text: the project carries no copy of a real regulation,
in images neither. Run from the repository root, with Debian's Chromium installed:

    python docs/screenshots/take.py            # writes docs/screenshots/*.png
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import Locator, Page, sync_playwright  # noqa: E402

from conftest import garden  # noqa: E402  (the synthetic model and text, with its real fingerprint)
from servers import serving  # noqa: E402

OUT = Path(__file__).resolve().parent
BASE = "/r/riverside-gardens"
CHROMIUM = os.environ.get("LAWCODE_CHROMIUM", "/usr/bin/chromium")


def _go(page: Page, target: Locator) -> None:
    """Click ``target`` and wait for the page it opens."""
    with page.expect_navigation():
        target.click()


def take(url: str, page: Page, phone: Page) -> None:
    page.goto(url + BASE + "/read/chp_II")
    page.screenshot(path=str(OUT / "reader.png"))
    phone.goto(url + BASE + "/read/chp_II")
    phone.screenshot(path=str(OUT / "reader-phone.png"))
    page.goto(url + BASE + "/interview")
    page.get_by_label("plot_holder:", exact=False).first.check()
    _go(page, page.get_by_role("button", name="Start"))
    page.screenshot(path=str(OUT / "interview.png"))
    page.get_by_label("I don't know").check()
    _go(page, page.get_by_role("button", name="Next question"))
    while page.get_by_role("button", name="Next question").count():
        page.get_by_label("Yes").check()
        _go(page, page.get_by_role("button", name="Next question"))
    page.screenshot(path=str(OUT / "result.png"))
    page.goto(url + BASE + "/review")
    page.get_by_label("Article", exact=True).select_option(label="Article 3")
    _go(page, page.get_by_role("button", name="Show"))
    page.screenshot(path=str(OUT / "review.png"))
    page.goto(url + BASE + "/graph")
    page.screenshot(path=str(OUT / "graph.png"))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        model, text = garden(Path(folder) / "garden")
        env = {**os.environ, "LAWCODE_CORPUS": str(text.parent), "LAWCODE_DATABASE_URL": str(Path(folder) / "s.db")}
        with serving(env, "--model", str(model)) as (url, _), sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
            take(url, page, phone)
            browser.close()


if __name__ == "__main__":
    main()
