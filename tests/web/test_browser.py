"""The web application in a real browser: Playwright driving Debian's Chromium against a
``lawcode serve`` the test starts on a free loopback port.

Without /usr/bin/chromium these tests skip, and fail under CI.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import TAR, corpus_file, unavailable
from servers import serving

# Slow (a server, a browser): `pytest -m "not slow"` leaves them out while editing.
pytestmark = pytest.mark.slow

CHROMIUM = Path(os.environ.get("LAWCODE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
BASE = "/r/tar-counter-espionage-2021"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``lawcode serve`` in its own process (an empty corpus store of its own), on a free port; its base URL."""
    corpus = corpus_file(TAR).parent
    store = tmp_path_factory.mktemp("browser-store") / "corpus.sqlite3"
    env = {**os.environ, "LAWCODE_CORPUS": str(corpus), "LAWCODE_DATABASE_URL": str(store)}
    with serving(env, start_within=30) as (url, _):
        yield url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def _go(page, target) -> None:
    """Click ``target`` and wait for the page it opens (a link, or a form's submit button)."""
    with page.expect_navigation():
        target.click()


def test_read_and_follow_a_cross_reference(server, page):
    page.goto(server + "/")
    page.locator(f'a[href="{BASE}/read"]').click()  # one "Read the text" per installed regulation
    page.get_by_role("link", name="Chapter II: Duties and Obligations").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chapter II: Duties and Obligations")  # waits
    reference = page.locator("#chp_II__art_14 a.xref", has_text="article 13 of these Regulations").first
    reference.click()  # the same page, scrolled: no navigation to wait for
    page.wait_for_url("**/read/chp_II#chp_II__art_13")
    assert page.locator("#chp_II__art_13").is_visible()
    aside = page.get_by_role("complementary", name="Norms resting on Art. 13")
    _go(page, aside.get_by_role("link").first)
    assert page.get_by_role("heading", name="Why, for unit").is_visible()


def test_interview_to_the_end_with_an_i_dont_know(server, page):
    page.goto(server + BASE + "/interview")
    page.get_by_label("enterprise:", exact=False).first.check()
    _go(page, page.get_by_role("button", name="Start"))
    first = page.locator("legend .question-text").inner_text()
    page.get_by_label("I don't know").check()
    _go(page, page.get_by_role("button", name="Next question"))
    for _ in range(30):
        if page.get_by_role("button", name="Next question").count() == 0:
            break
        assert page.locator("legend .question-text").inner_text() != first  # never asked twice
        page.get_by_label("Yes").check()
        _go(page, page.get_by_role("button", name="Next question"))
    else:
        raise AssertionError("the interview did not end")
    assert page.get_by_role("heading", name="What applies to you").is_visible()
    for heading in ("Applies", "Undetermined", "Owed to you"):
        assert page.get_by_role("heading", name=re.compile(rf"^{heading} \(\d+\)$")).count() == 1
    state = page.get_by_role("region", name="So far").inner_text()
    assert first in state and "I don't know" in state
    assert page.locator("blockquote").count() > 0
    shared = page.locator("#share-link").get_attribute("href")
    page.goto(server + shared)  # the shared address shows the same result
    assert "I don't know" in page.get_by_role("region", name="So far").inner_text()


def test_review_and_graph(server, page):
    page.goto(server + BASE + "/review")
    page.get_by_label("Article", exact=True).select_option(label="Article 13")
    _go(page, page.get_by_role("button", name="Show"))
    assert page.get_by_role("heading", name="Art. 13", exact=True).is_visible()
    assert page.locator("table .kind").count() > 0
    _go(page, page.get_by_role("link", name="Graph"))
    page.get_by_label("Chapter", exact=True).select_option("chp_II")
    _go(page, page.get_by_role("button", name="Show"))
    assert "chapter=chp_II" in page.url
    assert page.locator(".diagram svg").count() == 4  # the norm graph and each procedure's states


def test_keyboard_and_phone(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server + BASE + "/read/chp_II")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # no sideways scrolling on a phone
    context.close()


def test_reading_and_the_interview_work_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + BASE + "/read/chp_II")
    page.locator("#chp_II__art_14 a.xref", has_text="article 13 of these Regulations").first.click()
    page.wait_for_url("**/read/chp_II#chp_II__art_13")
    assert page.locator("#chp_II__art_13").is_visible()
    page.goto(server + BASE + "/interview")
    page.get_by_label("citizen:", exact=False).first.check()
    _go(page, page.get_by_role("button", name="Start"))
    page.get_by_label("I don't know").check()
    _go(page, page.get_by_role("button", name="Next question"))
    assert "unknown=" in page.url  # the answer went into the interview's address by a plain form
    context.close()
