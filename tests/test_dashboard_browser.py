"""The dashboard in a real browser: Debian's chromium driven by Playwright against a server on
loopback over the demo corpus (``exodus.cli.sample_paths()``).

Every page gets a fresh browser context in which any request that does not go to the test
server is refused and recorded (the dashboard must work with no network), and JavaScript
errors are collected; each test ends by checking there were none.  Screenshots are written to
``$EXODUS_SCREENSHOTS`` (default: a pytest temporary folder, printed at the start);
``dashboard.png`` there is the README's screenshot.
"""

from __future__ import annotations

import json
import os
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from browser import CHROMIUM, copy_sqlite, launch_chromium, serving
from conftest import require

pytestmark = pytest.mark.slow

TOKEN = "browser-test-token"
WAIT = 60_000  # ms: the first consolidation of a store can take a while on a busy machine
HOSTILE = Path(__file__).parent / "fixtures" / "dashboard" / "hostile_markup.txt"


@dataclass
class Server:
    url: str
    db: str

    def get(self, path: str, **params: Any) -> Any:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        with urllib.request.urlopen(f"{self.url}/api/v1{path}{query}", timeout=60) as response:
            return json.loads(response.read())

    def document_of(self, source: str) -> dict[str, Any]:
        page = self.get("/documents", q=source[-200:], limit=500)
        (summary,) = [d for d in page["items"] if d["source"] == source]
        return dict(self.get(f"/documents/{summary['content_hash']}"))


@dataclass
class Watched:
    """A page, with what went wrong on it: JavaScript errors and requests off the server."""

    page: Any
    errors: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, server: Server, fragment: str = "") -> Any:
        self.page.goto(f"{server.url}/{fragment}")
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=WAIT)
        return self.page

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.offsite == [], f"the page asked for something off the server: {self.offsite}"
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"


@pytest.fixture(scope="module")
def shots(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("EXODUS_SCREENSHOTS")
    folder = Path(given) if given else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"dashboard screenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require(os.path.exists(CHROMIUM), "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def demo(sample_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The demo corpus in a store of its own (the review test writes to it)."""
    db = copy_sqlite(sample_db, tmp_path_factory.mktemp("dashboard") / "demo.db")
    with serving(db, token=TOKEN) as url:
        yield Server(url, db)


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    watched = Watched(page)
    page.set_default_timeout(WAIT)

    def guard(route: Any) -> None:
        host = urllib.parse.urlsplit(route.request.url).hostname
        if host == "127.0.0.1":
            route.continue_()
        else:
            watched.offsite.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page.on("pageerror", lambda exc: watched.errors.append(f"pageerror: {exc}"))
    page.on("console", lambda m: m.type == "error" and watched.errors.append(m.text))

    def dialog(d: Any) -> None:
        watched.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    try:
        yield watched
    finally:
        context.close()


def _count(value: float) -> str:
    """A figure as the page writes it: 116,884."""
    return f"{round(value):,}"


# -- tests ----------------------------------------------------------------------------------------


def test_the_map_draws_the_seed_corridors_and_crossing_points(
    watched: Watched, demo: Server, shots: Path
) -> None:
    from playwright.sync_api import expect

    page = watched.open(demo)
    geo = demo.get("/exports/geojson")
    corridors = [
        f["properties"] for f in geo["features"] if f["properties"]["feature"] == "corridor"
    ]
    expect(page.locator("g.corridor")).to_have_count(len(corridors))
    for key in ("RU-GE", "RU-KZ", "RU-MN"):
        arrow = page.locator(f'g.corridor[data-corridor="{key}"]')
        expect(arrow.locator("path.shaft")).to_have_count(1)
        expect(arrow.locator("polygon.head")).to_have_count(1)
    # arrows are as wide as their latest cumulative estimate says, in the same order
    latest = {
        f"{p['origin_iso2']}-{p['destination_iso2']}": p["latest_cumulative"]
        for p in corridors
        if p["origin_iso2"] in ("RU",) and p["destination_iso2"] in ("GE", "KZ", "MN", "FI")
    }
    width = {
        key: float(
            page.locator(f'g.corridor[data-corridor="{key}"] path.shaft').get_attribute(
                "stroke-width"
            )
            or 0
        )
        for key in latest
    }
    assert sorted(latest, key=latest.__getitem__) == sorted(width, key=width.__getitem__)
    assert width["RU-KZ"] > width["RU-MN"]
    for crossing in ("Verkhny Lars", "Altanbulag", "Vaalimaa"):
        expect(page.locator(f'g.place[data-place="{crossing}"]')).to_have_count(1)
    assert page.locator("path.country").count() > 150  # Natural Earth, from world-atlas
    expect(page.locator(".map-notice")).to_be_hidden()
    # a tooltip with the numbers
    page.locator('g.corridor[data-corridor="RU-KZ"] polygon.head').hover()
    tooltip = page.locator("#tooltip")
    expect(tooltip).to_contain_text("Russia → Kazakhstan")
    expect(tooltip).to_contain_text(f"latest cumulative estimate: {_count(latest['RU-KZ'])}")
    expect(tooltip).to_contain_text("latest figure from: ")
    expect(tooltip).not_to_contain_text("latest figure from: …")
    page.screenshot(path=shots / "map.png")
    watched.assert_clean()


def test_clicking_a_corridor_shows_its_timeline(
    watched: Watched, demo: Server, shots: Path
) -> None:
    from playwright.sync_api import expect

    page = watched.open(demo)
    expect(page.locator("#timeline .empty")).to_contain_text("Pick a corridor")
    page.locator('g.corridor[data-corridor="RU-KZ"] polygon.head').click()
    expect(page.locator("#timeline-title")).to_have_text("Russia → Kazakhstan")
    timeline = demo.get("/corridors/RU/KZ/timeline")
    expect(page.locator("#timeline-summary")).to_contain_text(
        f"latest cumulative estimate {_count(timeline['latest']['cumulative'])}"
    )
    flows = demo.get("/claims", origin="RU", destination="KZ", measure="flow", limit=500)["items"]
    used = [
        c
        for c in flows
        if c["unit"] == "people" and c["modality"] == "reported" and c["period_end"]
    ]
    totals = [c for c in used if c["rate"] == "total"]
    rates = [c for c in used if c["rate"] != "total"]
    assert totals, "the demo corpus has reported totals on RU -> KZ"
    expect(page.locator(".claim-point")).to_have_count(len(totals))
    expect(page.locator(".claim-rate")).to_have_count(len(rates))
    expect(page.locator("path.cumulative")).to_have_count(1)
    expect(page.locator("rect.bar")).to_have_count(
        len([p for p in timeline["points"] if p["daily"] is not None])
    )
    # the rest of the page follows the corridor
    assert page.locator("select[name=corridor]").input_value() == "RU-KZ"
    assert "corridor=RU-KZ" in page.url
    expect(page.locator('g.corridor[data-corridor="RU-KZ"]')).to_have_class("corridor selected")
    claims = demo.get("/claims", origin="RU", destination="KZ", limit=50)
    expect(page.locator("tr.claim")).to_have_count(len(claims["items"]))
    expect(page.locator("#claims-count")).to_have_text(f"{claims['total']} claims")
    expect(page.locator("#claims th", has_text="Corridor")).to_have_count(0)  # all the same
    # a claim point leads to its sentence
    point = page.locator(".claim-point").last  # drawn last: on top of any at the same place
    claim = demo.get(f"/claims/{point.get_attribute('data-claim')}")
    point.click()
    expect(page.locator("#document mark.fact.selected").first).to_be_visible()
    expect(page.locator("#document-title")).to_have_text(
        demo.document_of(claim["reports"][0]["document"])["title"]
        or Path(claim["reports"][0]["document"]).name
    )
    page.screenshot(path=shots / "timeline.png")
    # back to every corridor
    page.locator("select[name=corridor]").select_option("")
    expect(page.locator("#timeline .empty")).to_contain_text("Pick a corridor")
    expect(page.locator("#claims-count")).to_have_text(f"{demo.get('/claims')['total']} claims")
    expect(page.locator("#claims th", has_text="Corridor")).to_have_count(1)
    expect(page.locator("g.corridor.dim")).to_have_count(0)
    watched.assert_clean()


def test_clicking_a_claim_shows_its_sentence_highlighted_in_the_document(
    watched: Watched, demo: Server, shots: Path
) -> None:
    from playwright.sync_api import expect

    page = watched.open(demo, "#corridor=RU-GE")
    row = page.locator("tr.claim").first
    claim = demo.get(f"/claims/{row.get_attribute('data-claim')}")
    report = claim["reports"][0]
    row.click()
    detail = page.locator(f'tr.detail[data-claim="{claim["id"]}"]')
    expect(detail.locator("blockquote.sentence").first).to_have_text(report["sentence"])
    expect(detail.locator("mark.cue").first).to_have_text(report["cue"])
    selected = page.locator("#document mark.fact.selected")
    expect(selected.first).to_be_in_viewport()
    doc = demo.document_of(report["document"])
    expect(page.locator("#document-title")).to_have_text(doc["title"] or Path(doc["source"]).name)
    fact = next(f for f in doc["facts"] if f["fact_uid"] == report["fact_uid"])
    ev = fact["evidence"]
    # shown in the original text, the boilerplate greyed in place
    assert "".join(selected.all_text_contents()) == doc["original"][ev["raw_start"] : ev["raw_end"]]
    expect(page.locator("#document .removed")).to_have_count(len(doc["removed"]))
    expect(page.locator("#fact-card")).to_contain_text(report["cue"].split()[0])
    page.screenshot(path=shots / "document.png")
    # the cleaned text alone: the highlight is exactly the sentence
    page.locator("#show-removed").uncheck()
    expect(page.locator("#document .removed")).to_have_count(0)
    assert "".join(selected.all_text_contents()) == report["sentence"]
    marks = page.locator("#document mark.fact")
    assert marks.count() >= len(
        {(f["evidence"]["start"], f["evidence"]["end"]) for f in doc["facts"]}
    )
    watched.assert_clean()


def test_overview_screenshot_for_the_readme(watched: Watched, demo: Server, shots: Path) -> None:
    from playwright.sync_api import expect

    page = watched.open(demo, "#corridor=RU-GE")
    claims = demo.get("/claims", origin="RU", destination="GE", measure="flow", limit=500)
    quoted = [c for c in claims["items"] if c["reports"][0]["speaker"]]
    best = max(quoted, key=lambda c: (len(c["reports"]), c["value"]))  # the most reported
    page.locator(f'tr.claim[data-claim="{best["id"]}"]').click()
    expect(page.locator("#document mark.fact.selected").first).to_be_in_viewport()
    # drag across the last weeks of the timeline: it zooms in, and can zoom out again
    box = page.locator(".timeline-svg").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] * 0.4
    page.mouse.move(box["x"] + box["width"] * 0.86, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.985, y, steps=6)
    page.mouse.up()
    expect(page.locator(".zoom-reset")).to_be_visible()
    page.locator("#claims-scroll").evaluate("(el) => { el.scrollTop = 0; }")
    page.mouse.move(0, 0)
    page.screenshot(path=shots / "dashboard.png")
    page.locator(".zoom-reset").click()
    expect(page.locator(".zoom-hint")).to_be_visible()
    watched.assert_clean()


def test_a_review_edit_with_the_token_changes_the_timeline(
    watched: Watched, demo: Server, shots: Path
) -> None:
    from playwright.sync_api import expect

    page = watched.open(demo, "#corridor=RU-MN")
    before = demo.get("/corridors/RU/MN/timeline")["latest"]
    claim = demo.get(f"/claims/{before['claims'][0]}")
    fact_uid = claim["reports"][0]["fact_uid"]
    summary = page.locator("#timeline-summary")
    expect(summary).to_contain_text(f"latest cumulative estimate {_count(before['cumulative'])}")
    row = page.locator(f'tr.claim[data-claim="{claim["id"]}"]')
    row.click()
    report = page.locator(f'tr.detail .report[data-fact="{fact_uid}"]')
    expect(report).to_be_visible()
    expect(report.locator(".review-controls button")).to_have_count(0)  # no token yet
    page.locator("#review-toggle").click()
    page.locator("#review-form input[name=reviewer]").fill("ana")
    page.locator("#review-form input[name=token]").fill(TOKEN)
    page.locator("#review-form button[type=submit]").click()
    expect(page.locator("#review-toggle")).to_have_text("Reviewing as ana")
    report = page.locator(f'tr.detail .report[data-fact="{fact_uid}"]')
    report.locator("button.correct").click()
    form = report.locator("form.review-action")
    form.locator("select[name=field]").select_option("value")
    form.locator("input[name=why]").fill("the border agency's corrected count")
    # a value the fact's own bounds rule out: the server's reason shows in the form
    form.locator("input[name=value]").fill(str(int(claim["high"]) + 20000))
    form.locator("button[type=submit]").click()
    expect(form.locator(".error")).to_contain_text("INVALID_CORRECTION: value:")
    assert demo.get("/audit", fact_uid=fact_uid)["total"] == 0
    new_value = int(claim["value"]) - 1000
    form.locator("input[name=value]").fill(str(new_value))
    form.locator("button[type=submit]").click()
    expect(page.locator("#toast")).to_contain_text("Corrected: audit entry")
    after = demo.get("/corridors/RU/MN/timeline")["latest"]
    assert after["cumulative"] != before["cumulative"]
    expect(summary).to_contain_text(f"latest cumulative estimate {_count(after['cumulative'])}")
    (entry,) = demo.get("/audit", fact_uid=fact_uid)["items"]  # the refused one left nothing
    assert (entry["reviewer"], entry["action"], entry["after"]["value"]) == (
        "ana",
        "correct",
        new_value,
    )
    page.screenshot(path=shots / "review.png")
    watched.errors = [e for e in watched.errors if "422" not in e]  # the browser logs the refusal
    # reject it from the document view (still open on it): it leaves the timeline, and is
    # struck through in the text
    card = page.locator("#fact-card")
    expect(card).to_contain_text(f"{new_value:,}")
    card.locator("button.reject").click()
    card.locator("input[name=why]").fill("a forecast, not a count")
    card.locator("form.review-action button[type=submit]").click()
    expect(page.locator("#toast")).to_contain_text("Rejected: audit entry")
    expect(page.locator(f'#document mark.fact.rejected[data-facts~="{fact_uid}"]')).to_have_count(1)
    rejected = demo.get("/corridors/RU/MN/timeline")["latest"]
    assert rejected["cumulative"] != after["cumulative"]
    expect(summary).to_contain_text(f"latest cumulative estimate {_count(rejected['cumulative'])}")
    watched.assert_clean()


def test_a_wrong_token_is_refused_and_changes_nothing(watched: Watched, demo: Server) -> None:
    from playwright.sync_api import expect

    page = watched.open(demo, "#corridor=RU-FI")
    audit = demo.get("/audit")["total"]
    page.locator("#review-toggle").click()
    page.locator("#review-form input[name=reviewer]").fill("mallory")
    page.locator("#review-form input[name=token]").fill("not-the-token")
    page.locator("#review-form button[type=submit]").click()
    page.locator("tr.claim").first.click()
    report = page.locator("tr.detail .report").first
    report.locator("button.accept").click()
    report.locator("input[name=why]").fill("looks right")
    report.locator("form.review-action button[type=submit]").click()
    expect(report.locator("form.review-action .error")).to_contain_text("UNAUTHORIZED")
    assert demo.get("/audit")["total"] == audit
    expect(page.locator("#review-toggle")).to_have_text("Review…")  # the token is forgotten
    watched.errors = [e for e in watched.errors if "401" not in e]  # the browser logs the 401
    watched.assert_clean()


def test_without_the_map_files_the_corridors_still_draw(
    watched: Watched, demo: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from playwright.sync_api import expect

    monkeypatch.setenv("EXODUS_ASSETS_DIR", str(tmp_path / "never-fetched"))
    page = watched.open(demo)
    expect(page.locator(".map-notice")).to_contain_text("exodus assets")
    expect(page.locator("path.country")).to_have_count(0)
    expect(page.locator('g.corridor[data-corridor="RU-GE"] path.shaft')).to_have_count(1)
    # the browser reports the two missing files (and refuses the JSON error as a script)
    watched.errors = [e for e in watched.errors if "404" not in e and "/assets/vendor/" not in e]
    watched.assert_clean()


def test_a_server_that_protects_reads_asks_for_the_token_first(
    watched: Watched, demo: Server
) -> None:
    from playwright.sync_api import expect

    with serving(demo.db, token=TOKEN, protect_reads=True) as url:
        page = watched.page
        page.goto(f"{url}/")
        expect(page.locator("#review-form")).to_be_visible()
        expect(page.locator("#review-note")).to_contain_text("protects its data")
        expect(page.locator("g.corridor")).to_have_count(0)
        page.locator("#review-form input[name=reviewer]").fill("ana")
        page.locator("#review-form input[name=token]").fill(TOKEN)
        page.locator("#review-form button[type=submit]").click()
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=WAIT)
        expect(page.locator('g.corridor[data-corridor="RU-GE"]')).to_have_count(1)
        expect(page.locator("#store-status")).to_contain_text("documents")
    watched.errors = [e for e in watched.errors if "401" not in e]  # the refused first reads
    watched.assert_clean()


def test_article_markup_shows_as_text_and_never_runs(
    watched: Watched, sample_db: str, tmp_path_factory: pytest.TempPathFactory, shots: Path
) -> None:
    from playwright.sync_api import expect

    from exodus.cli import ingest_paths
    from exodus.config import load_settings

    db = copy_sqlite(sample_db, tmp_path_factory.mktemp("hostile") / "hostile.db")
    ingest_paths([str(HOSTILE)], load_settings(db=db))
    with serving(db, token=TOKEN) as url:
        server = Server(url, db)
        page = watched.open(server, "#q=exodus_pwned")
        response = page.request.get(f"{url}/")
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "require-trusted-types-for 'script'" in csp
        row = page.locator("tr.claim")
        expect(row).to_have_count(1)
        row.click()
        sentence = page.locator("tr.detail blockquote.sentence")
        expect(sentence).to_contain_text("<script>window.__exodus_pwned='script'</script>")
        expect(sentence).to_contain_text("""<img src=x onerror="window.__exodus_pwned='img'">""")
        text = page.locator("#document .doc-text")
        expect(text).to_contain_text("""<img src=x onerror="window.__exodus_pwned='title'">""")
        expect(text).to_contain_text("<script>window.__exodus_pwned='script'</script>")
        expect(page.locator("#document mark.fact.selected").first).to_contain_text("<script>")
        text.hover()
        page.locator("#document mark.fact.selected").first.hover()
        for panel in ("#claims", "#document", "#fact-card", "#tooltip"):
            assert page.locator(f"{panel} img, {panel} script, {panel} b").count() == 0
        page.screenshot(path=shots / "hostile.png")
        page.locator("#document-back").click()
        expect(page.locator("ol.documents li")).to_have_count(1)
        assert page.evaluate("() => window.__exodus_pwned") is None
        # and markup from a string cannot get in at all: Trusted Types, no policy
        assert (
            page.evaluate(
                "() => { try { document.createElement('div').innerHTML = '<b>x</b>';"
                " return 'assigned'; } catch (e) { return e.name; } }"
            )
            == "TypeError"
        )
    watched.errors = [e for e in watched.errors if "TrustedHTML" not in e]
    watched.assert_clean()
