#!/usr/bin/env python3
"""API speed: claims and timelines served from a store of 100,000 facts.

    .venv/bin/python bench/serve.py [--facts 100000] [--seconds 20] [--clients 4] [--db PATH]

1. **Load.**  Generates a realistic store: news-like documents about 22 corridors of six crises
   (Russia 2022, Ukraine 2022, Sudan 2023, Afghans leaving Pakistan 2023, Venezuela, the Rohingya
   2017), each with a cumulative curve the reports follow with rounding and qualifiers ("about",
   "more than", "nearly"), daily rates, stocks, waits and queues; officials repeated by several
   outlets (reports that merge into one claim), rival estimates (conflicts) and syndicated copies
   (near-duplicates).  Every document goes through ``Store.save_result``, one transaction each,
   and the load is timed.  (The extractor is not run: these are its records, generated.)
2. **Serve.**  Starts ``exodus serve`` on loopback in a subprocess and times the first request,
   which consolidates the whole store.
3. **Drive.**  A second process sends ``--clients`` concurrent keep-alive clients at the claims
   endpoint (corridor filters, pages, text search, one claim by id) and the timeline endpoint for
   ``--seconds``, and reports p50/p99 latency and requests per second per endpoint.
4. **Invalidate.**  One review through the API, then the time of the next claims request, which
   rebuilds claims and timelines (the near-duplicate search is reused: no text changed).

Figures are printed and written to bench/results/serve.json.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import math
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "bench-token"


# -- a realistic store ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Corridor:
    origin: tuple[str, str, str]  # alpha-2, alpha-3, name
    destination: tuple[str, str, str]
    start: date
    days: int
    total: float  # people by the end of the window
    demonym: str
    speakers: tuple[str, ...]
    crossings: tuple[str, ...]
    weight: float  # share of the coverage


RU = ("RU", "RUS", "Russia")
UA = ("UA", "UKR", "Ukraine")
SD = ("SD", "SDN", "Sudan")
VE = ("VE", "VEN", "Venezuela")
MM = ("MM", "MMR", "Myanmar")
PK = ("PK", "PAK", "Pakistan")
AF = ("AF", "AFG", "Afghanistan")


def _c(code: str, iso3: str, name: str) -> tuple[str, str, str]:
    return (code, iso3, name)


CORRIDORS = (
    Corridor(RU, _c("KZ", "KAZ", "Kazakhstan"), date(2022, 9, 21), 45, 240_000, "Russians",
             ("Kazakh interior ministry", "Kazakhstan's migration service", "Marat Akhmetzhanov"),
             ("Syrym", "Zhaisan"), 3),
    Corridor(RU, _c("GE", "GEO", "Georgia"), date(2022, 9, 21), 45, 110_000, "Russians",
             ("Georgian interior ministry", "Vakhtang Gomelauri", "Georgia's border police"),
             ("Upper Lars",), 3),
    Corridor(RU, _c("FI", "FIN", "Finland"), date(2022, 9, 21), 30, 66_000, "Russians",
             ("Finnish Border Guard", "Matti Pitkaniitty"), ("Vaalimaa", "Nuijamaa"), 1.5),
    Corridor(RU, _c("MN", "MNG", "Mongolia"), date(2022, 9, 21), 30, 21_000, "Russians",
             ("Mongolian border officials",), ("Altanbulag",), 0.8),
    Corridor(RU, _c("AM", "ARM", "Armenia"), date(2022, 9, 21), 40, 40_000, "Russians",
             ("Armenian migration service",), (), 0.8),
    Corridor(RU, _c("RS", "SRB", "Serbia"), date(2022, 9, 21), 60, 30_000, "Russians",
             ("Serbian interior ministry",), (), 0.4),
    Corridor(UA, _c("PL", "POL", "Poland"), date(2022, 2, 24), 120, 3_500_000, "Ukrainians",
             ("Polish Border Guard", "UNHCR", "Poland's interior ministry"),
             ("Medyka", "Dorohusk"), 4),
    Corridor(UA, _c("RO", "ROU", "Romania"), date(2022, 2, 24), 120, 900_000, "Ukrainians",
             ("Romanian border police", "UNHCR"), ("Siret",), 2),
    Corridor(UA, _c("MD", "MDA", "Moldova"), date(2022, 2, 24), 120, 480_000, "Ukrainians",
             ("Moldovan government", "UNHCR"), ("Palanca",), 2),
    Corridor(UA, _c("HU", "HUN", "Hungary"), date(2022, 2, 24), 120, 600_000, "Ukrainians",
             ("Hungarian police", "UNHCR"), ("Zahony",), 1.5),
    Corridor(UA, _c("SK", "SVK", "Slovakia"), date(2022, 2, 24), 120, 420_000, "Ukrainians",
             ("Slovak police", "UNHCR"), ("Vysne Nemecke",), 1.5),
    Corridor(UA, UA, date(2022, 2, 24), 150, 7_000_000, "Ukrainians",
             ("IOM", "UN humanitarian office"), (), 1.5),
    Corridor(SD, _c("TD", "TCD", "Chad"), date(2023, 4, 15), 180, 500_000, "Sudanese",
             ("UNHCR", "Chadian government", "MSF"), ("Adre",), 2.5),
    Corridor(SD, _c("EG", "EGY", "Egypt"), date(2023, 4, 15), 180, 350_000, "Sudanese",
             ("Egyptian foreign ministry", "UNHCR"), ("Argeen", "Qustul"), 2),
    Corridor(SD, _c("SS", "SSD", "South Sudan"), date(2023, 4, 15), 180, 280_000, "people",
             ("IOM", "UNHCR"), ("Renk", "Joda"), 1.5),
    Corridor(SD, _c("ET", "ETH", "Ethiopia"), date(2023, 4, 15), 180, 90_000, "people",
             ("UNHCR",), ("Metema",), 0.8),
    Corridor(SD, SD, date(2023, 4, 15), 200, 4_000_000, "people",
             ("IOM", "OCHA"), (), 1.5),
    Corridor(PK, AF, date(2023, 10, 1), 120, 450_000, "Afghans",
             ("Taliban refugee ministry", "UNHCR", "IOM"), ("Torkham", "Chaman"), 2),
    Corridor(VE, _c("CO", "COL", "Colombia"), date(2018, 1, 1), 365, 1_100_000, "Venezuelans",
             ("Migracion Colombia", "UNHCR"), ("Cucuta",), 1.5),
    Corridor(VE, _c("PE", "PER", "Peru"), date(2018, 1, 1), 365, 500_000, "Venezuelans",
             ("Peruvian migration authority",), ("Tumbes",), 1),
    Corridor(MM, _c("BD", "BGD", "Bangladesh"), date(2017, 8, 25), 120, 650_000, "Rohingya",
             ("UNHCR", "IOM", "Bangladeshi officials"), ("Teknaf",), 2),
    Corridor(RU, None, date(2022, 9, 21), 30, 700_000, "Russians",  # type: ignore[arg-type]
             ("independent media", "Novaya Gazeta Europe"), (), 1),
)  # fmt: skip

OUTLETS = ("wire.example", "daily.example", "tribune.example", "post.example", "herald.example",
           "courier.example", "observer.example", "gazette.example", "times.example", "news.example")  # fmt: skip
QUALIFIERS = (("exact", 5), ("about", 4), ("more_than", 3), ("nearly", 2), ("at_least", 1))
_SAID = {"exact": "", "about": "about ", "more_than": "more than ", "nearly": "nearly ",
         "at_least": "at least "}  # fmt: skip
FILLER_SUBJECTS = ("Aid workers", "Volunteers", "Local officials", "Residents", "Drivers",
                   "Families", "Doctors", "Teachers", "Shopkeepers", "Reporters", "Diplomats",
                   "Police officers", "Church groups", "Students", "Farmers", "Engineers")  # fmt: skip
FILLER_VERBS = ("described", "complained about", "warned of", "pointed to", "asked about",
                "spoke of", "worried about", "photographed", "organised", "queued near",
                "distributed food near", "set up tents beside", "reported on", "recalled")  # fmt: skip
FILLER_OBJECTS = ("the long lines", "cold nights", "rising rents", "crowded shelters",
                  "closed schools", "the checkpoint", "a makeshift camp", "the railway station",
                  "the bus depot", "a sports hall", "hotel prices", "exchange offices",
                  "fuel shortages", "phone networks", "the river crossing", "medical supplies")  # fmt: skip
FILLER_TAILS = ("on {d}", "this week", "since the weekend", "in the morning", "after dark",
                "despite the rain", "for several hours", "as talks continued", "in the capital",
                "near the border", "at the town hall", "in a statement", "in interviews")  # fmt: skip


def _curve(c: Corridor, day: date) -> float:
    """Cumulative count on ``day``: a logistic rise over the corridor's window."""
    t = (day - c.start).days / max(c.days, 1)
    return c.total / (1 + math.exp(-8 * (t - 0.4)))


def _round(value: float, rng: random.Random) -> float:
    digits = rng.choice((1, 2, 2, 2, 3))
    if value <= 0:
        return 0.0
    magnitude = 10 ** max(math.floor(math.log10(value)) - digits + 1, 0)
    return float(round(value / magnitude) * magnitude)


def _place(p: tuple[str, str, str] | None) -> Any:
    from exodus.models import Place

    return None if p is None else Place(p[2], p[0], "country", p[1])


def _filler(rng: random.Random, day: date) -> str:
    tail = rng.choice(FILLER_TAILS).format(d=day.strftime("%A"))
    n = rng.randint(2, 400)
    return (
        f"{rng.choice(FILLER_SUBJECTS)} {rng.choice(FILLER_VERBS)} {rng.choice(FILLER_OBJECTS)}"
        f" {tail}, and {n} {rng.choice(('people', 'cars', 'buses', 'tents', 'volunteers'))}"
        f" were seen {rng.choice(FILLER_TAILS).format(d=day.isoformat())}."
    )


@dataclass
class _Figure:
    sentence: str
    cue: str
    fields: dict[str, Any]


def _figures(
    c: Corridor, day: date, rng: random.Random, remembered: list[_Figure]
) -> list[_Figure]:
    """The figures one article about corridor ``c`` on ``day`` reports (reusing earlier ones)."""
    out: list[_Figure] = []
    dest = c.destination[2] if c.destination else "abroad"
    speaker = rng.choice(c.speakers)
    for _ in range(rng.choice((2, 3, 3, 4))):
        if remembered and rng.random() < 0.25:  # an official figure repeated by another outlet
            again = rng.choice(remembered[-40:])
            if again not in out:
                out.append(again)
            continue
        lag = rng.randint(0, 2)
        end = day - timedelta(days=lag)
        if end < c.start:
            end = c.start
        noise = rng.uniform(0.9, 1.1) if rng.random() < 0.15 else 1.0  # a rival estimate
        value = _round(max(_curve(c, end) * noise, 50), rng)
        qualifier = rng.choices([q for q, _w in QUALIFIERS], [w for _q, w in QUALIFIERS])[0]
        said = f"{_SAID[qualifier]}{value:,.0f}"
        verb, term = (
            ("been displaced within", "displaced") if c.destination == c.origin
            else ("crossed into", "crossed") if c.destination else ("fled", "fled")
        )  # fmt: skip
        where = "" if c.destination is None else f" {dest}"
        sentence = (
            f"{said[0].upper()}{said[1:]} {c.demonym} have {verb}{where} since"
            f" {c.start.strftime('%B %d')}, {speaker} said."
        )
        out.append(
            _Figure(sentence, verb.split()[-1], {
                "measure": "flow", "term": term,
                "value": value, "qualifier": qualifier, "rate": "total", "period_start": c.start,
                "period_end": end, "speaker": speaker,
                "low": value if qualifier in ("more_than", "at_least") else None,
                "high": value if qualifier == "nearly" else None,
            })
        )  # fmt: skip
        remembered.append(out[-1])
    if rng.random() < 0.6:
        daily = _round(max(_curve(c, day) - _curve(c, day - timedelta(days=1)), 10), rng)
        out.append(_Figure(
            f"Some {daily:,.0f} {c.demonym} a day are now arriving, {rng.choice(c.speakers)} said.",
            "arriving",
            {"measure": "flow", "term": "arrived", "value": daily, "qualifier": "about",
             "rate": "per_day", "period_start": day, "period_end": day, "speaker": None},
        ))  # fmt: skip
    if rng.random() < 0.3:
        stock = _round(_curve(c, day) * 0.6, rng)
        out.append(_Figure(
            f"About {stock:,.0f} {c.demonym} are now sheltering in {dest}.", "sheltering",
            {"measure": "stock", "term": "hosted", "value": stock, "qualifier": "about",
             "rate": "total", "period_start": None, "period_end": day, "speaker": None},
        ))  # fmt: skip
    if c.crossings and rng.random() < 0.25:
        crossing = rng.choice(c.crossings)
        hours = rng.randint(3, 48)
        out.append(_Figure(
            f"People waited up to {hours} hours at {crossing}, drivers said.", "waited",
            {"measure": "wait_time", "term": "waited", "value": float(hours), "qualifier": "up_to",
             "unit": "hours", "rate": "total", "period_start": None, "period_end": day,
             "speaker": None, "place": crossing, "high": float(hours)},
        ))  # fmt: skip
    return out


def generate(n_facts: int, seed: int = 7) -> Iterator[Any]:
    """Document results (cleaned documents with their facts) until ``n_facts`` facts."""
    from exodus.models import (
        CleanDocument,
        DocumentResult,
        Evidence,
        Fact,
        OffsetMap,
        Place,
    )

    rng = random.Random(seed)
    weights = [c.weight for c in CORRIDORS]
    remembered: dict[int, list[_Figure]] = {i: [] for i in range(len(CORRIDORS))}
    made = 0
    n = 0
    previous: list[tuple[str, date, int, list[_Figure]]] = []
    while made < n_facts:
        n += 1
        copy = previous and rng.random() < 0.05
        if copy:  # a syndicated copy of a recent story under another headline
            body, day, ci, figures = rng.choice(previous[-50:])
            day += timedelta(days=1)
        else:
            ci = rng.choices(range(len(CORRIDORS)), weights)[0]
            c = CORRIDORS[ci]
            day = c.start + timedelta(days=rng.randint(1, c.days))
            figures = _figures(c, day, rng, remembered[ci])
            lines = [_filler(rng, day) for _ in range(rng.randint(3, 7))]
            for f in figures:
                lines.insert(rng.randint(0, len(lines)), f.sentence)
            body = "\n".join(lines)
            previous.append((body, day, ci, figures))
        c = CORRIDORS[ci]
        outlet = rng.choice(OUTLETS)
        headline = f"{c.demonym} keep leaving {c.origin[2]} ({outlet}, story {n})"
        text = f"{headline}\n{body}\n"
        raw = f"Download our app!\n{text}"
        content_hash = hashlib.sha256(raw.encode()).hexdigest()
        doc = CleanDocument(
            source=f"https://{outlet}/{day.isoformat()}/story-{n}",
            original=raw,
            text=text,
            offsets=OffsetMap(((0, 18, len(text)),), len(text), len(raw)),
            content_hash=content_hash,
            text_hash=hashlib.sha256(text.encode()).hexdigest(),
            media_type="text/plain",
            title=headline,
            url=f"https://{outlet}/{day.isoformat()}/story-{n}",
            published=day,
            published_source="given",
        )
        facts = []
        for f in {f.sentence: f for f in figures}.values():  # one fact per sentence
            start = text.find(f.sentence)
            cue = max(text.find(f.cue, start), start)
            fields = dict(f.fields)
            place = fields.pop("place", None)
            fields.setdefault("unit", "people")
            facts.append(
                Fact(
                    document=doc.source, evidence=Evidence(
                        f.sentence, start, start + len(f.sentence), f.cue, cue, cue + len(f.cue),
                        start + 18, start + 18 + len(f.sentence)),
                    modality="reported", population=c.demonym, origin=_place(c.origin),
                    destination=_place(c.destination),
                    place=Place(place, c.destination[0], "crossing") if place and c.destination else None,
                    confidence=round(rng.uniform(0.5, 0.99), 3), published=day, **fields,
                )
            )  # fmt: skip
        made += len(facts)
        yield DocumentResult(doc.source, doc, tuple(facts))


def load(url: str, n_facts: int) -> dict[str, Any]:
    """Generate and store; returns counts and timings."""
    from exodus.store import open_store

    started = time.perf_counter()
    docs = facts = 0
    with open_store(url) as store:
        for result in generate(n_facts):
            store.save_result(result)
            docs += 1
            facts += len(result.facts)
        counts = store.counts()
    seconds = time.perf_counter() - started
    return {
        "documents": counts["documents"],
        "facts": counts["facts"],
        "seconds": round(seconds, 2),
        "facts_per_second": round(counts["facts"] / seconds),
    }


# -- the server -----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read()


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "EXODUS_TOKEN": TOKEN}
    cmd = [sys.executable, "-m", "exodus", "serve", "--db", url, "--port", str(port)]
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(
                f"the server stopped: {server.stderr.read().decode() if server.stderr else ''}"
            )
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            if _get(conn, "/api/v1/status")[0] == 200:
                conn.close()
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not answer within 60 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# -- the driver (runs in a second process) ----------------------------------------------------------


def _paths(port: int, rng: random.Random) -> list[tuple[str, str]]:
    """The request mix: (endpoint kind, path)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    corridors = json.loads(_get(conn, "/api/v1/corridors?limit=500")[1])["items"]
    claims = json.loads(_get(conn, "/api/v1/claims?limit=200")[1])["items"]
    conn.close()
    ends = [
        (c["origin"]["country"] or "-", c["destination"]["country"] or "-")
        for c in corridors
        if c["latest"]
    ]
    out: list[tuple[str, str]] = []
    for _ in range(2000):
        o, d = rng.choice(ends)
        kind = rng.random()
        if kind < 0.35:
            path = f"/api/v1/claims?origin={o}&destination={d}&limit=50&offset={rng.choice((0, 0, 50, 100, 500))}"
            out.append(("claims (corridor page)", path))
        elif kind < 0.45:
            out.append(
                (
                    "claims (text search)",
                    f"/api/v1/claims?q={rng.choice(('ministry', 'unhcr', 'border', 'iom'))}&limit=20",
                )
            )
        elif kind < 0.55:
            out.append(("claim by id", f"/api/v1/claims/{rng.choice(claims)['id']}"))
        else:
            out.append(("timeline", f"/api/v1/corridors/{o}/{d}/timeline"))
    return out


def drive(port: int, seconds: float, clients: int) -> dict[str, Any]:
    """Keep-alive clients sending the mix for ``seconds``; latencies by endpoint kind."""
    rng = random.Random(11)
    mix = _paths(port, rng)
    latencies: dict[str, list[float]] = {}
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(k: int) -> None:
        local = random.Random(k)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: dict[str, list[float]] = {}
        while time.monotonic() < stop:
            kind, path = local.choice(mix)
            t0 = time.perf_counter()
            status, _body = _get(conn, path)
            elapsed = time.perf_counter() - t0
            if status != 200:
                with lock:
                    errors.append(f"{status} {path}")
            mine.setdefault(kind, []).append(elapsed)
        conn.close()
        with lock:
            for kind, xs in mine.items():
                latencies.setdefault(kind, []).extend(xs)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    every = [x for xs in latencies.values() for x in xs]
    return {
        "clients": clients,
        "seconds": round(wall, 2),
        "requests": len(every),
        "errors": len(errors),
        "first_errors": errors[:5],
        "overall": _stats(every, wall),
        "endpoints": {kind: _stats(xs, wall) for kind, xs in sorted(latencies.items())},
    }


def _stats(xs: list[float], wall: float) -> dict[str, float]:
    xs = sorted(xs)
    if not xs:
        return {}
    q = statistics.quantiles(xs, n=100, method="inclusive") if len(xs) > 1 else [xs[0]] * 99
    return {
        "requests": len(xs),
        "rps": round(len(xs) / wall, 1),
        "p50_ms": round(q[49] * 1000, 2),
        "p99_ms": round(q[98] * 1000, 2),
        "max_ms": round(xs[-1] * 1000, 2),
    }


def _invalidate(port: int) -> dict[str, float]:
    """One review through the API, then the next claims request (a rebuild)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    facts = json.loads(_get(conn, "/api/v1/facts?limit=1&measure=flow")[1])["items"]
    body = json.dumps({"reviewer": "bench", "why": "benchmark review"})
    conn.request("POST", f"/api/v1/facts/{facts[0]['fact_uid']}/accept", body,
                 {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})  # fmt: skip
    response = conn.getresponse()
    response.read()
    t0 = time.perf_counter()
    status, _ = _get(conn, "/api/v1/claims?limit=50")
    rebuild = time.perf_counter() - t0
    t0 = time.perf_counter()
    _get(conn, "/api/v1/claims?limit=50")
    after = time.perf_counter() - t0
    conn.close()
    return {
        "review_status": response.status,
        "rebuild_seconds": round(rebuild, 2),
        "next_request_ms": round(after * 1000, 2),
        "claims_status": status,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--db", help="SQLite file to use (kept); default: a temporary one")
    parser.add_argument("--drive", type=int, help=argparse.SUPPRESS)  # the driver process: port
    args = parser.parse_args()
    if args.drive:
        print(json.dumps(drive(args.drive, args.seconds, args.clients)))
        return
    with tempfile.TemporaryDirectory(prefix="exodus-bench-") as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "bench.db"
        url = f"sqlite:///{path}"
        if path.exists() and args.db:
            from exodus.store import open_store

            with open_store(url) as store:
                counts = store.counts()
            loaded = {"documents": counts["documents"], "facts": counts["facts"], "reused": True}
            print(f"reusing {path}: {counts['facts']:,} facts", flush=True)
        else:
            print(f"loading {args.facts:,} facts into {path} ...", flush=True)
            loaded = load(url, args.facts)
            print(f"  {loaded['documents']:,} documents, {loaded['facts']:,} facts in"
                  f" {loaded['seconds']} s ({loaded['facts_per_second']:,} facts/s)", flush=True)  # fmt: skip
        port = _free_port()
        server = start_server(url, port)
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
            t0 = time.perf_counter()
            status, _ = _get(conn, "/api/v1/claims?limit=1")
            first = time.perf_counter() - t0
            conn.close()
            print(
                f"first request (consolidates the store): {first:.1f} s (status {status})",
                flush=True,
            )
            cmd = [sys.executable, __file__, "--drive", str(port), "--seconds", str(args.seconds),
                   "--clients", str(args.clients)]  # fmt: skip
            driven = json.loads(
                subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            )
            invalidated = _invalidate(port)
        finally:
            stop_server(server)
    report = {
        "date": date.today().isoformat(),
        "cpus": os.cpu_count(),
        "load": loaded,
        "first_request_seconds": round(first, 2),
        "drive": driven,
        "after_review": invalidated,
    }
    print(f"{driven['requests']:,} requests in {driven['seconds']} s from {args.clients} clients"
          f" in a second process, {driven['errors']} errors")  # fmt: skip
    print(f"{'endpoint':<24} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for kind, s in [("overall", driven["overall"]), *driven["endpoints"].items()]:
        print(f"{kind:<24} {s['requests']:>8} {s['rps']:>8} {s['p50_ms']:>8} {s['p99_ms']:>8}")
    print(f"after a review: claims rebuilt in {invalidated['rebuild_seconds']} s, then"
          f" {invalidated['next_request_ms']} ms")  # fmt: skip
    out = ROOT / "bench" / "results" / "serve.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
