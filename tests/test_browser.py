"""End to end: `streamlit run` on localhost, driven by a real headless Chromium through Playwright.

Needs Debian's `chromium` (`apt-get install -y chromium`; CI installs it) or LEADERBOARD_CHROMIUM
pointing at a Chromium binary. Screenshots go to a temporary folder, or to the folder named by
LEADERBOARD_SCREENSHOTS (e.g. `LEADERBOARD_SCREENSHOTS=docs/screenshots`) to refresh the README's;
LEADERBOARD_SCREENSHOT_DB_URL shoots an existing database instead of a fresh ingest of the seeds.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from leaderboard.store.engine import make_engine

from .app_fixtures import APP, seed

ROOT = Path(__file__).resolve().parents[1]
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOW_TO_ENABLE = ("install Debian's chromium (`apt-get install -y chromium`) or set LEADERBOARD_CHROMIUM to a "
                 "Chromium binary to run the browser tests")

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("LEADERBOARD_CHROMIUM"), shutil.which("chromium"),
                      shutil.which("chromium-browser"), "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    exe = chromium_path()
    if exe is None:
        pytest.skip(f"no Chromium found: {HOW_TO_ENABLE}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: `pip install -e '.[test]'`")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=CHROME_ARGS)
        yield b
        b.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`streamlit run app/streamlit_app.py` on a free port; always stopped by the fixture."""

    def __init__(self, db_url: str, log: Path):
        self.port = free_port()
        env = dict(os.environ, LEADERBOARD_DB_URL=db_url,
                   PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep))
        env.pop("LEADERBOARD_EDIT_TOKEN", None)
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", APP, "--server.headless", "true",
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(log, "w"))
        self.url = f"http://127.0.0.1:{self.port}"

    def wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}:\n{self.log.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"streamlit did not listen on {self.port} in {timeout:g} s:\n{self.log.read_text()}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def serve(db_url: str, tmp_path: Path):
    server = Server(db_url, tmp_path / "streamlit.log")
    try:
        server.wait()
        yield server
    finally:
        server.stop()


@pytest.fixture
def shots(tmp_path) -> Path:
    target = os.environ.get("LEADERBOARD_SCREENSHOTS")
    folder = (ROOT / target) if target and not Path(target).is_absolute() else Path(target or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def new_page(browser, height: int = 1000):
    page = browser.new_page(viewport={"width": 1400, "height": height})
    page.dialogs = []  # an alert() from injected script would land here
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    return page


def settle(page) -> None:
    """Wait until Streamlit has finished the run (no spinner / running indicator)."""
    page.wait_for_selector('[data-testid="stMain"]', timeout=30_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)


def screenshot(page, path: Path) -> None:
    """Streamlit scrolls inside its main container: scroll it to the top, then shoot the viewport."""
    page.evaluate("() => document.querySelectorAll('[data-testid=\"stMain\"], section.main')"
                  ".forEach(e => e.scrollTo(0, 0))")
    try:  # every table has its cells (an empty table never will: then go on after the wait)
        page.wait_for_function("() => [...document.querySelectorAll('[data-testid=\"stDataFrame\"]')]"
                               ".filter(d => d.offsetParent !== null)"  # tables in hidden tabs never paint
                               ".every(d => d.querySelector('[role=\"gridcell\"]'))", timeout=10_000)
    except Exception:  # noqa: BLE001 - a screenshot of what is there is still wanted
        pass
    page.wait_for_timeout(500)  # let the grids paint their canvas
    page.screenshot(path=str(path))


def cell(page, value: str):
    return page.locator('[data-testid="stDataFrame"] [role="gridcell"]', has_text=value)


@pytest.fixture
def small_app(engine, session, db_url, tmp_path):
    data = seed(session)
    for server in serve(db_url, tmp_path):
        yield server, data


def test_correct_a_value_in_the_browser_and_see_it_in_the_table(browser, small_app, engine, shots):
    server, data = small_app
    key = data.keys["mnas_top1"]
    page = new_page(browser)
    page.goto(f"{server.url}/?page=leaderboard&dataset=ImageNet&metric=top-1+accuracy&row={key}")
    cell(page, "MnasNet").first.wait_for(state="attached", timeout=30_000)
    assert cell(page, "75.2%").count() == 1
    page.locator("mark", has_text="75.2%").first.wait_for()  # the evidence, number highlighted
    page.wait_for_function("() => document.title.startsWith('ImageNet · top-1 accuracy')", timeout=10_000)

    form = page.locator('[data-testid="stForm"]').first
    form.get_by_label("Value (canonical unit)").fill("76.1")
    form.get_by_label("Your name").fill("Ada")
    form.get_by_label("Reason").fill("the abstract says 76.1%")
    form.get_by_role("button", name="Save correction").click()

    cell(page, "76.1%").first.wait_for(state="attached", timeout=30_000)
    page.get_by_text("corrected.", exact=False).first.wait_for()
    assert cell(page, "75.2%").count() == 0
    with make_engine(str(engine.url)).connect() as conn:
        value, status = conn.execute(text("SELECT value, status FROM result_rows WHERE result_id = :k"),
                                     {"k": key}).one()
    assert (value, status) == (76.1, "corrected")
    assert "page=leaderboard" in page.url and "dataset=ImageNet" in page.url  # still addressable
    settle(page)
    screenshot(page, shots / "correction.png")
    page.close()


def click_row(page, table, row: int) -> None:
    """Tick the selection box of a row of a st.dataframe (a canvas: click by position)."""
    box = table.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 * (row + 1) + 17)


def test_pick_a_benchmark_then_a_row_by_clicking_the_tables(browser, small_app):
    server, data = small_app
    page = new_page(browser)
    page.goto(f"{server.url}/?page=benchmarks&q=cifar")
    cell(page, "ProxylessNAS").first.wait_for(state="attached", timeout=30_000)
    settle(page)
    click_row(page, page.locator('[data-testid="stDataFrame"]').first, 0)
    page.get_by_role("button", name="Open this leaderboard").click()
    page.get_by_role("heading", name="Leaderboard").first.wait_for(timeout=30_000)
    cell(page, "DARTS").first.wait_for(state="attached", timeout=30_000)
    settle(page)
    assert "dataset=CIFAR-10" in page.url and "metric=error+rate" in page.url
    page.locator("mark", has_text="2.08%").first.wait_for()  # row 1 shown below the table
    click_row(page, page.locator('[data-testid="stDataFrame"]').first, 1)  # pick DARTS in the table
    page.locator("mark", has_text="2.76%").first.wait_for(timeout=30_000)
    page.close()


def test_hostile_title_stays_text_in_the_browser(browser, small_app):
    server, data = small_app
    page = new_page(browser)
    page.goto(f"{server.url}/?page=paper&id={data.papers['hostile'].id}")
    page.get_by_text("[click](javascript:alert(1))", exact=False).first.wait_for(state="attached", timeout=30_000)
    assert page.locator(".lb-text script, .lb-evidence script, .lb-evidence b, .lb-text strong").count() == 0
    assert page.locator("mark", has_text="99.9%").count() == 2  # in the abstract and in the evidence
    assert page.dialogs == []
    page.close()


@pytest.fixture
def seeded_app(request, tmp_path):
    """The app on the bundled seeds (or on LEADERBOARD_SCREENSHOT_DB_URL, to shoot another database)."""
    url = os.environ.get("LEADERBOARD_SCREENSHOT_DB_URL") or request.getfixturevalue("seeded_db")
    for server in serve(url, tmp_path):
        yield server, url


def showcase(db_url: str) -> dict[str, dict]:
    """The URL parameters of each page to shoot: the busiest benchmark, the richest paper."""
    with make_engine(db_url).connect() as conn:
        bench = conn.execute(text(
            "SELECT dataset, metric FROM result_rows WHERE dataset IS NOT NULL AND kind = 'absolute' "
            "GROUP BY dataset, metric ORDER BY COUNT(*) DESC, dataset LIMIT 1")).first()
        paper = conn.execute(text(
            "SELECT p.id FROM papers p JOIN results r ON r.paper_id = p.id "
            "GROUP BY p.id ORDER BY COUNT(*) DESC, p.id LIMIT 1")).scalar()
    pages = {"benchmarks": {"page": "benchmarks"}}
    if bench:
        board = {"dataset": bench[0], "metric": bench[1]}
        pages["leaderboard"] = {"page": "leaderboard", **board}
        pages["charts"] = {"page": "charts", **board}
        pages["tradeoff"] = {"page": "charts", **board, "chart": "tradeoff", "cost": "latency"}
    pages["paper"] = {"page": "paper", **({"id": str(paper)} if paper else {})}
    pages["hardware"] = {"page": "hardware"}
    pages["sql"] = {"page": "sql", "run": "1"}
    return pages


def test_screenshots_of_the_main_pages(browser, seeded_app, shots):
    from urllib.parse import urlencode

    server, url = seeded_app
    page = new_page(browser, height=1300)
    for name, params in showcase(url).items():
        page.goto(f"{server.url}/?{urlencode(params)}")
        heading = {"sql": "SQL", "tradeoff": "Charts"}.get(name, name.capitalize())
        page.get_by_role("heading", name=heading).first.wait_for(state="attached", timeout=30_000)
        settle(page)
        assert page.locator('[data-testid="stException"]').count() == 0, f"{name}: the page raised"
        wanted = {"charts": "stVegaLiteChart", "tradeoff": "stVegaLiteChart", "paper": "stHtml"}.get(name, "stDataFrame")
        page.locator(f'[data-testid="{wanted}"], [data-testid="stAlert"]').first.wait_for(
            state="attached", timeout=30_000)
        screenshot(page, shots / f"{name}.png")
        assert (shots / f"{name}.png").stat().st_size > 10_000
    assert page.dialogs == []
    page.close()


def test_without_chromium_the_tests_skip_saying_how_to_enable_them(monkeypatch):
    monkeypatch.delenv("LEADERBOARD_CHROMIUM", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    assert chromium_path() is None
    assert "apt-get install -y chromium" in HOW_TO_ENABLE and "LEADERBOARD_CHROMIUM" in HOW_TO_ENABLE
