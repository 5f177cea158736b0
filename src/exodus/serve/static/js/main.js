// The dashboard: filters in the address bar, four panels (map, claims, timeline, document),
// everything read from /api/v1.

import { ApiError, all, api, asset } from "./api.js";
import { ClaimsTable } from "./claims.js";
import { DocumentView } from "./documents.js";
import { empty, toast } from "./dom.js";
import * as fmt from "./format.js";
import { CorridorMap } from "./map.js";
import { Review } from "./review.js";
import { drawTimeline } from "./timeline.js";

const $ = (id) => document.getElementById(id);
const FILTERS = ["since", "until", "corridor", "measure", "q"];
const state = { since: "", until: "", corridor: "", measure: "", q: "", offset: 0, docOffset: 0, range: null };
const form = $("filters");
const sources = new Map(); // document source -> content hash

function readHash() {
  const params = new URLSearchParams(window.location.hash.slice(1));
  for (const key of FILTERS) state[key] = params.get(key) || "";
  for (const key of FILTERS) if (form.elements[key]) form.elements[key].value = state[key];
}

function writeHash() {
  const params = new URLSearchParams();
  for (const key of FILTERS) if (state[key]) params.set(key, state[key]);
  const hash = params.toString();
  window.history.replaceState(null, "", hash ? `#${hash}` : window.location.pathname);
}

function dateFilters() {
  return { since: state.since, until: state.until };
}

function corridorEnds() {
  return state.corridor ? fmt.splitKey(state.corridor) : [null, null];
}

function report(err, where) {
  console.error(where, err);
  toast(err instanceof ApiError ? `${where}: ${err.code}: ${err.message}` : `${where}: ${err}`, "error");
}

// -- components -----------------------------------------------------------------------------

const review = new Review(
  { toggle: $("review-toggle"), form: $("review-form"), note: $("review-note"), off: $("review-off") },
  { onChanged: () => (document.body.dataset.ready ? refreshAll() : restart()) },
);
const map = new CorridorMap($("map"), { onSelect: (key) => selectCorridor(key === state.corridor ? "" : key) });
const claims = new ClaimsTable(
  { table: $("claims"), count: $("claims-count"), pager: $("claims-pager") },
  { onOpen: (claim, rep) => openReport(rep), onPage: (offset) => { state.offset = offset; loadClaims(); }, review },
);
const documents = new DocumentView(
  { container: $("document"), card: $("fact-card"), title: $("document-title"), back: $("document-back"), toggle: $("removed-toggle"), showRemoved: $("show-removed") },
  { review, onPage: (offset) => { state.docOffset = offset; loadDocuments(); }, onOpen: (hash) => openDocument(hash, null) },
);
$("document-back").addEventListener("click", () => loadDocuments());

// -- loading --------------------------------------------------------------------------------

async function loadStatus() {
  const status = await api("/status");
  const parts = [`${fmt.number(status.documents)} documents`, `${fmt.number(status.facts)} facts`];
  if (!status.writes) parts.push("read-only");
  $("store-status").textContent = parts.join(" · ");
  return status;
}

async function loadCorridorOptions() {
  const corridors = await all("/corridors");
  const select = form.elements.corridor;
  const options = corridors.map((c) => {
    const key = fmt.corridorKey(c.origin, c.destination);
    return new Option(`${fmt.corridorName(c.origin, c.destination)} (${c.claims})`, key);
  });
  if (state.corridor && !options.some((o) => o.value === state.corridor)) options.unshift(new Option(state.corridor, state.corridor));
  select.replaceChildren(new Option("All corridors", ""), ...options);
  select.value = state.corridor;
}

async function loadMap() {
  const geojson = await api("/exports/geojson", { params: { ...dateFilters(), measure: state.measure } });
  map.setData(geojson);
  map.select(state.corridor);
}

async function loadClaims() {
  const [origin, destination] = corridorEnds();
  const params = {
    ...dateFilters(), measure: state.measure, q: state.q, limit: 50, offset: state.offset,
    origin: state.corridor ? origin || "?" : "", destination: state.corridor ? destination || "?" : "",
  };
  claims.render(await api("/claims", { params }), { oneCorridor: Boolean(state.corridor) });
}

async function loadTimeline() {
  const box = $("timeline");
  const title = $("timeline-title");
  const summary = $("timeline-summary");
  if (!state.corridor) {
    title.textContent = "Timeline";
    summary.textContent = "";
    box.replaceChildren(empty("Pick a corridor to see its timeline.", "Click an arrow on the map, or choose one in the Corridor filter above."));
    return;
  }
  const [origin, destination] = corridorEnds();
  const path = `/corridors/${encodeURIComponent(origin || "-")}/${encodeURIComponent(destination || "-")}/timeline`;
  let timeline;
  try {
    timeline = await api(path, { params: dateFilters() });
  } catch (err) {
    if (err.status !== 404) throw err;
    title.textContent = `Timeline: ${state.corridor.replace("-", " → ")}`;
    summary.textContent = "";
    box.replaceChildren(empty("No claims on this corridor within the filters."));
    return;
  }
  const flow = await all("/claims", { origin: origin || "?", destination: destination || "?", measure: "flow", ...dateFilters() });
  title.textContent = fmt.corridorName(timeline.origin, timeline.destination);
  const latest = timeline.latest;
  summary.textContent = [
    latest ? `latest cumulative estimate ${fmt.number(latest.cumulative)} on ${fmt.date(latest.date)}` : "no cumulative estimate",
    latest && latest.low !== latest.high ? `range ${fmt.number(latest.low)}–${fmt.number(latest.high)}` : null,
    `${timeline.claims} claims`, `${timeline.reports} reports`,
  ].filter(Boolean).join(" · ");
  const draw = () => drawTimeline(box, timeline, flow, {
    range: state.range,
    onRange: (range) => { state.range = range; draw(); },
    onClaim: (claim) => { claims.reveal(claim.id); if (claim.reports.length) openReport(claim.reports[0]); },
  });
  draw();
}

async function loadDocuments() {
  const page = await api("/documents", { params: { ...dateFilters(), q: state.q, limit: 50, offset: state.docOffset } });
  documents.showList(page);
}

/** The content hash of the document a report comes from (its source, as stored). */
async function documentHash(source, factUid) {
  if (sources.has(source)) return sources.get(source);
  const page = await api("/documents", { params: { q: source.slice(-200), limit: 500 } });
  const found = page.items.filter((d) => d.source === source);
  for (const d of found.reverse()) {
    if (found.length === 1) return sources.set(source, d.content_hash).get(source);
    const doc = await api(`/documents/${d.content_hash}`);
    if (doc.facts.some((f) => f.fact_uid === factUid)) return d.content_hash;
  }
  throw new ApiError(404, "NOT_FOUND", `no stored document ${fmt.baseName(source)}`);
}

async function openDocument(hash, factUid) {
  try {
    documents.show(await api(`/documents/${encodeURIComponent(hash)}`), factUid);
  } catch (err) {
    report(err, "document");
  }
}

async function openReport(rep) {
  try {
    await openDocument(await documentHash(rep.document, rep.fact_uid), rep.fact_uid);
  } catch (err) {
    report(err, "document");
  }
}

// -- refreshing -----------------------------------------------------------------------------

async function run(label, task) {
  try {
    await task();
  } catch (err) {
    report(err, label);
  }
}

/** After a filter change: everything that the filters touch. */
function refreshViews() {
  writeHash();
  map.select(state.corridor);
  return Promise.all([run("map", loadMap), run("claims", loadClaims), run("timeline", loadTimeline),
    documents.doc ? run("document", () => openDocument(documents.doc.content_hash, documents.selected)) : run("documents", loadDocuments)]);
}

/** After a review: the counts and the corridors change too. */
function refreshAll() {
  return Promise.all([run("status", async () => review.setup(await loadStatus())), run("corridors", loadCorridorOptions), refreshViews()]);
}

function selectCorridor(key) {
  state.corridor = key;
  state.offset = 0;
  state.range = null;
  form.elements.corridor.value = key;
  refreshViews();
}

let typing = null;
form.addEventListener("input", (e) => {
  const name = e.target.name;
  if (!FILTERS.includes(name)) return;
  clearTimeout(typing);
  const apply = () => {
    state[name] = e.target.value;
    state.offset = 0;
    state.docOffset = 0;
    refreshViews();
  };
  if (name === "q") typing = setTimeout(apply, 300);
  else apply();
});
form.addEventListener("reset", () => {
  setTimeout(() => {
    for (const key of FILTERS) state[key] = "";
    state.offset = 0;
    refreshViews();
  }, 0);
});
for (const button of document.querySelectorAll("[data-zoom]")) {
  button.addEventListener("click", () => map.zoom(button.dataset.zoom));
}

async function start() {
  readHash();
  const [status, meta] = await Promise.all([loadStatus().catch((err) => err), asset("/assets/meta.json")]);
  if (status instanceof ApiError && status.status === 401) {
    // this server protects its data: nothing to show before the token
    review.setup({ writes: true }, meta);
    review.askForToken("This server protects its data: enter its token to read it (and to review).");
    $("store-status").textContent = "token needed";
    return;
  }
  if (status instanceof Error) report(status, "status");
  review.setup(status instanceof Error ? null : status, meta);
  if (!map.countryPaths.length) await loadCountries(meta);
  await Promise.all([run("corridors", loadCorridorOptions), refreshViews()]);
  document.body.dataset.ready = "true";
}

async function loadCountries(meta) {
  try {
    const topology = await asset("/assets/vendor/countries-110m.json");
    if (!window.topojson) throw new ApiError(404, "ASSETS_MISSING", "topojson-client was not fetched at set-up");
    map.setCountries(topology, meta.countries);
  } catch (err) {
    map.showNotice(`Country boundaries are missing (${err.message}); corridors are drawn without them.`);
  }
}

/** Start again once the token is there (a server that protects reads showed nothing). */
function restart() {
  return start().catch((err) => report(err, "start"));
}

restart();
