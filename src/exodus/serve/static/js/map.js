// The world map: Natural Earth country shapes (world-atlas TopoJSON, decoded by
// topojson-client), the corridors as arrows sized by their latest cumulative estimate, and the
// crossing points as markers.  Everything is SVG, in a Natural Earth projection; wheel or the
// buttons zoom, dragging pans.

import { api } from "./api.js";
import { append, clear, el, hideTooltip, moveTooltip, showTooltip, svg, withTooltip } from "./dom.js";
import * as fmt from "./format.js";

const UNIT = 100; // projected units per radian
const ANTARCTICA = "010";
const MIN_WIDTH = 1.5;
const MAX_WIDTH = 12;

/** Natural Earth I (Šavrič, Jenny, Patterson and Jenny, 2011): [lon, lat] in degrees -> [x, y]. */
export function project(lon, lat) {
  const l = (lon * Math.PI) / 180;
  const p = (lat * Math.PI) / 180;
  const p2 = p * p;
  const p4 = p2 * p2;
  const x = l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
  const y = p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
  return [x * UNIT, -y * UNIT];
}

const WORLD = (() => {
  const [x0] = project(-180, 0);
  const [x1] = project(180, 0);
  const [, y0] = project(0, 90);
  const [, y1] = project(0, -60);
  return { x0, x1, y0, y1 };
})();

function ringPath(ring) {
  return `${ring.map(([lon, lat], i) => {
    const [x, y] = project(lon, lat);
    return `${i ? "L" : "M"}${x.toFixed(2)},${y.toFixed(2)}`;
  }).join("")}Z`;
}

/** A ring that crosses the antimeridian (a jump of more than 180 degrees between two points)
 * is drawn twice, shifted east and west; the world's outline clips what falls outside. */
function ringPaths(ring) {
  const crosses = ring.some(([lon], i) => i > 0 && Math.abs(lon - ring[i - 1][0]) > 180);
  if (!crosses) return ringPath(ring);
  const east = ring.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat]);
  const west = ring.map(([lon, lat]) => [lon > 0 ? lon - 360 : lon, lat]);
  return ringPath(east) + ringPath(west);
}

function shapePath(geometry) {
  if (!geometry) return "";
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((rings) => rings.map(ringPaths).join("")).join("");
}

/** The outline of the world in the projection (the meridians at 180 W and 180 E). */
function outlinePath() {
  const edge = [];
  for (let lat = -90; lat <= 90; lat += 2) edge.push([180, lat]);
  for (let lat = 90; lat >= -90; lat -= 2) edge.push([-180, lat]);
  return ringPath(edge);
}

/** The point of the quadratic curve a-c-b at t, and the curve split there (a, c' , point). */
function quadAt(a, c, b, t) {
  const lerp = (p, q, s) => [p[0] + (q[0] - p[0]) * s, p[1] + (q[1] - p[1]) * s];
  const ac = lerp(a, c, t);
  const cb = lerp(c, b, t);
  return { point: lerp(ac, cb, t), control: ac };
}

function fixed(p) {
  return `${p[0].toFixed(1)},${p[1].toFixed(1)}`;
}

function headPoints(tip, base, halfWidth) {
  const d = Math.hypot(tip[0] - base[0], tip[1] - base[1]) || 1;
  const [ux, uy] = [(tip[0] - base[0]) / d, (tip[1] - base[1]) / d];
  return {
    head: [tip, [base[0] - uy * halfWidth, base[1] + ux * halfWidth], [base[0] + uy * halfWidth, base[1] - ux * halfWidth]].map(fixed).join(" "),
    direction: [ux, uy],
  };
}

/** An arrow from a to b of width w: the shaft (bent to the left of its direction, so that A->B
 * and B->A stay apart) and the head.  Through a crossing point `via`, the arrow bends to the
 * crossing and goes straight on to b; when b is too close to the crossing to show that leg at
 * this zoom, the arrow ends at the crossing. */
export function arrowShape(a, b, w, via) {
  const sizes = (len) => {
    const headLength = Math.min(6 + 1.6 * w, len * 0.45);
    return [headLength, Math.min(3 + 1.1 * w, headLength * 0.8)];
  };
  if (via) {
    const leg = Math.hypot(b[0] - via[0], b[1] - via[1]);
    const [headLength, halfWidth] = sizes(Math.hypot(b[0] - a[0], b[1] - a[1]));
    if (leg < headLength * 1.5) return arrowShape(a, via, w, null);
    const first = arrowShape(a, via, 0, null); // its bend, without a head
    const base = [b[0] - ((b[0] - via[0]) / leg) * headLength, b[1] - ((b[1] - via[1]) / leg) * headLength];
    const { head, direction } = headPoints(b, base, halfWidth);
    return { shaft: `${first.fullShaft}L${fixed(base)}`, head, end: b, direction };
  }
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy) || 1;
  const c = [(a[0] + b[0]) / 2 + dy * 0.16, (a[1] + b[1]) / 2 - dx * 0.16];
  const [headLength, halfWidth] = sizes(len);
  let t = 1;
  let cut = quadAt(a, c, b, t);
  while (t > 0.05 && Math.hypot(b[0] - cut.point[0], b[1] - cut.point[1]) < headLength) {
    t -= 0.01;
    cut = quadAt(a, c, b, t);
  }
  const base = cut.point;
  const { head, direction } = headPoints(b, base, halfWidth);
  return {
    shaft: `M${fixed(a)}Q${fixed(cut.control)} ${fixed(base)}`,
    fullShaft: `M${fixed(a)}Q${fixed(c)} ${fixed(b)}`,
    head,
    end: b,
    direction,
  };
}

function overlaps(r, placed) {
  return placed.some((q) => r.x < q.x + q.width + 2 && q.x < r.x + r.width + 2 && r.y < q.y + q.height && q.y < r.y + r.height);
}

export class CorridorMap {
  constructor(container, { onSelect }) {
    this.container = container;
    this.onSelect = onSelect;
    this.view = null; // {k, tx, ty}
    this.touched = false; // the user zoomed or panned: keep their view
    this.features = [];
    this.selected = null;
    this.sources = new Map(); // claim id -> who said it, for tooltips
    this.countryPaths = [];
    this.root = svg("svg", { class: "map-svg", "aria-hidden": "true" });
    this.base = svg("g", { class: "countries", "clip-path": "url(#world-outline)" });
    this.overlay = svg("g", { class: "overlay" });
    const clip = svg("clipPath", { id: "world-outline", clipPathUnits: "userSpaceOnUse" }, svg("path", { d: outlinePath() }));
    append(this.root, svg("defs", {}, clip), svg("rect", { class: "ocean", width: "100%", height: "100%" }), this.base, this.overlay);
    this.notice = el("div", { class: "map-notice", hidden: true });
    this.legend = el("div", { class: "legend" });
    append(container, this.root, this.notice, this.legend);
    this.bindZoom();
    new ResizeObserver(() => this.resize()).observe(container);
  }

  get size() {
    return { w: this.container.clientWidth || 800, h: this.container.clientHeight || 400 };
  }

  screen(lon, lat) {
    const [x, y] = project(lon, lat);
    return [this.view.tx + this.view.k * x, this.view.ty + this.view.k * y];
  }

  /** The country shapes; `countries` maps ISO numeric codes to {iso2, name}. */
  setCountries(topology, countries) {
    const shapes = window.topojson.feature(topology, topology.objects.countries).features;
    for (const shape of shapes) {
      if (shape.id === ANTARCTICA) continue;
      const known = countries[shape.id];
      const name = known?.name || shape.properties?.name || "";
      const path = svg("path", { d: shapePath(shape.geometry), class: "country", "fill-rule": "evenodd", dataset: { iso2: known?.iso2 || "" } });
      withTooltip(path, name, () => this.countryLines(known?.iso2));
      this.countryPaths.push(path);
      this.base.append(path);
    }
    this.tintCountries();
  }

  showNotice(message) {
    this.notice.textContent = message;
    this.notice.hidden = false;
  }

  /** The corridors and places of a GeoJSON export. */
  setData(geojson) {
    this.features = geojson.features || [];
    this.tintCountries();
    if (!this.view || !this.touched) this.fit();
    else this.render();
  }

  select(key) {
    this.selected = key || null;
    this.render();
  }

  get corridors() {
    return this.features.filter((f) => f.properties.feature === "corridor");
  }

  countryLines(iso2) {
    if (!iso2) return [];
    const out = this.corridors.filter((f) => f.properties.origin_iso2 === iso2).length;
    const into = this.corridors.filter((f) => f.properties.destination_iso2 === iso2).length;
    return [out ? `origin of ${out} corridor${out === 1 ? "" : "s"}` : null, into ? `destination of ${into} corridor${into === 1 ? "" : "s"}` : null];
  }

  tintCountries() {
    const origins = new Set(this.corridors.map((f) => f.properties.origin_iso2).filter(Boolean));
    const destinations = new Set(this.corridors.map((f) => f.properties.destination_iso2).filter(Boolean));
    for (const path of this.countryPaths) {
      const code = path.dataset.iso2;
      path.classList.toggle("origin", origins.has(code));
      path.classList.toggle("destination", destinations.has(code));
    }
  }

  // -- view ---------------------------------------------------------------------------------

  limits() {
    const { w, h } = this.size;
    const kMin = Math.min(w / (WORLD.x1 - WORLD.x0), h / (WORLD.y1 - WORLD.y0));
    return { kMin, kMax: kMin * 40 };
  }

  fit() {
    const { w, h } = this.size;
    const { kMin, kMax } = this.limits();
    const xs = [];
    const ys = [];
    for (const f of this.features) {
      const coords = f.geometry.type === "Point" ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const [lon, lat] of coords) {
        const [x, y] = project(lon, lat);
        xs.push(x);
        ys.push(y);
      }
    }
    if (!xs.length) {
      this.view = { k: kMin, tx: w / 2 - kMin * (WORLD.x0 + WORLD.x1) / 2, ty: h / 2 - kMin * (WORLD.y0 + WORLD.y1) / 2 };
    } else {
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      const span = UNIT * 0.5; // never closer than about 30 degrees across
      const k = Math.max(kMin, Math.min(kMax, 0.8 * Math.min(w / Math.max(x1 - x0, span), h / Math.max(y1 - y0, span))));
      this.view = { k, tx: w / 2 - (k * (x0 + x1)) / 2, ty: h / 2 - (k * (y0 + y1)) / 2 };
    }
    this.touched = false;
    this.render();
  }

  zoomAt(factor, cx, cy) {
    const { kMin, kMax } = this.limits();
    const k = Math.max(kMin * 0.8, Math.min(kMax, this.view.k * factor));
    const f = k / this.view.k;
    this.view = { k, tx: cx - (cx - this.view.tx) * f, ty: cy - (cy - this.view.ty) * f };
    this.touched = true;
    this.render();
  }

  zoom(direction) {
    if (direction === "fit") return this.fit();
    const { w, h } = this.size;
    return this.zoomAt(direction === "in" ? 1.6 : 1 / 1.6, w / 2, h / 2);
  }

  resize() {
    if (!this.view || !this.touched) this.fit();
    else this.render();
  }

  bindZoom() {
    this.root.addEventListener("wheel", (e) => {
      e.preventDefault();
      const box = this.root.getBoundingClientRect();
      this.zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - box.left, e.clientY - box.top);
    }, { passive: false });
    let drag = null;
    this.root.addEventListener("pointerdown", (e) => {
      if (e.button === 0) drag = { x: e.clientX, y: e.clientY, tx: this.view.tx, ty: this.view.ty, moved: false };
    });
    this.root.addEventListener("pointermove", (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) this.root.setPointerCapture(e.pointerId);
      drag.moved = true;
      hideTooltip();
      this.view = { ...this.view, tx: drag.tx + dx, ty: drag.ty + dy };
      this.touched = true;
      this.render();
    });
    const end = (e) => {
      if (drag?.moved) {
        this.root.releasePointerCapture(e.pointerId);
        this.suppressClick = true;
        setTimeout(() => { this.suppressClick = false; }, 0);
      }
      drag = null;
    };
    this.root.addEventListener("pointerup", end);
    this.root.addEventListener("pointercancel", end);
  }

  // -- drawing ------------------------------------------------------------------------------

  render() {
    if (!this.view) return;
    const { k, tx, ty } = this.view;
    this.base.setAttribute("transform", `translate(${tx.toFixed(2)},${ty.toFixed(2)}) scale(${k.toFixed(4)})`);
    clear(this.overlay);
    const corridors = this.corridors;
    const values = corridors.map((f) => f.properties.latest_cumulative || 0);
    const vmax = Math.max(1, ...values);
    const width = (v) => (v ? MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * Math.sqrt(v / vmax) : 1.2);
    const ordered = [...corridors].sort((a, b) => (b.properties.latest_cumulative || 0) - (a.properties.latest_cumulative || 0));
    const arrows = [];
    for (const f of ordered) {
      const drawn = this.drawCorridor(f, width(f.properties.latest_cumulative));
      if (drawn) arrows.push(drawn);
    }
    for (const f of this.features.filter((x) => x.properties.feature === "place")) this.drawPlace(f);
    this.drawLabels(arrows);
    this.drawLegend(vmax, width);
  }

  drawCorridor(f, w) {
    const p = f.properties;
    const key = fmt.corridorKey({ country: p.origin_iso2 }, { country: p.destination_iso2 });
    const classes = ["corridor"];
    if (!p.latest_cumulative) classes.push("undated");
    if (this.selected) classes.push(this.selected === key ? "selected" : "dim");
    const group = svg("g", { class: classes.join(" "), dataset: { corridor: key }, tabindex: "0", role: "button", "aria-label": this.title(p) });
    let drawn = null;
    if (f.geometry.type === "LineString") {
      const points = f.geometry.coordinates.map(([lon, lat]) => this.screen(lon, lat));
      const a = points[0];
      const b = points[points.length - 1];
      const via = points.length > 2 ? points[1] : null;
      const shape = arrowShape(a, b, w, via);
      append(group,
        svg("path", { class: "hit", d: shape.shaft, "stroke-width": w + 10 }),
        svg("path", { class: "shaft", d: shape.shaft, "stroke-width": w }),
        svg("polygon", { class: "head", points: shape.head }));
      drawn = { f, key, shape, w };
    } else {
      const [x, y] = this.screen(...f.geometry.coordinates);
      append(group, svg("circle", { class: "ring", cx: x, cy: y, r: 4 + w, "stroke-width": Math.max(1.5, w / 2) }));
    }
    this.bindCorridor(group, key, p);
    this.overlay.append(group);
    return drawn;
  }

  title(p) {
    return `${p.origin_name || "unknown"} → ${p.destination_name || "unknown"}`;
  }

  corridorLines(p) {
    const latest = p.latest_cumulative;
    const lines = [];
    if (latest) {
      lines.push(["latest cumulative estimate", `${fmt.number(latest)} on ${fmt.date(p.latest_date)}`]);
      if (p.latest_low !== p.latest_high) lines.push(["range", `${fmt.number(p.latest_low)}–${fmt.number(p.latest_high)}`]);
    } else {
      lines.push("no dated flow of people: no cumulative estimate");
    }
    lines.push(["claims", `${p.claims} (${p.reports} report${p.reports === 1 ? "" : "s"})`]);
    lines.push(["period", fmt.period(p.first, p.last)]);
    if (p.via) lines.push(["via", p.via]);
    if (p.alerts) lines.push(["alerts", String(p.alerts)]);
    const id = p.latest_claims?.[0];
    if (id) lines.push(["latest figure from", this.sources.get(id) || "…"]);
    return lines;
  }

  bindCorridor(group, key, p) {
    const show = (e) => {
      showTooltip(e, this.title(p), this.corridorLines(p));
      const id = p.latest_claims?.[0];
      if (id && !this.sources.has(id)) {
        this.sources.set(id, "…");
        api(`/claims/${encodeURIComponent(id)}`).then((claim) => {
          this.sources.set(id, fmt.claimSource(claim) || "the document's own voice");
          if (group.matches(":hover")) showTooltip(e, this.title(p), this.corridorLines(p));
        }).catch(() => this.sources.delete(id));
      }
    };
    group.addEventListener("pointerenter", show);
    group.addEventListener("pointermove", moveTooltip);
    group.addEventListener("pointerleave", hideTooltip);
    const choose = () => { if (!this.suppressClick) this.onSelect(key); };
    group.addEventListener("click", choose);
    group.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); choose(); } });
  }

  drawPlace(f) {
    const p = f.properties;
    const [x, y] = this.screen(...f.geometry.coordinates);
    const r = p.kind === "crossing" ? 5 : 4;
    const shape = p.kind === "crossing"
      ? svg("path", { d: `M${x},${y - r}L${x + r},${y}L${x},${y + r}L${x - r},${y}Z` })
      : svg("circle", { cx: x, cy: y, r: r - 1 });
    const group = svg("g", { class: `place ${p.kind || ""}`, dataset: { place: p.name } }, shape);
    withTooltip(group, p.name, [
      ["kind", fmt.label(p.kind || "place")],
      ["claims", `${p.claims} (${p.reports} report${p.reports === 1 ? "" : "s"})`],
      ["corridors", (p.corridors || []).map((c) => c.replace("-", " → ")).join(", ")],
    ]);
    const first = p.corridors?.[0];
    if (first) group.addEventListener("click", () => { if (!this.suppressClick) this.onSelect(first); });
    this.overlay.append(group);
  }

  drawLabels(arrows) {
    const placed = [];
    const tryLabel = (x, y, anchor, text, cls) => {
      const node = svg("text", { x, y, "text-anchor": anchor, class: `label ${cls}` }, text);
      this.overlay.append(node);
      const box = node.getBBox();
      const { w, h } = this.size;
      if (overlaps(box, placed) || box.x < 0 || box.y < 0 || box.x + box.width > w || box.y + box.height > h) {
        node.remove();
        return false;
      }
      placed.push(box);
      return true;
    };
    for (const { f, shape } of arrows) {
      const p = f.properties;
      const [bx, by] = shape.end;
      const right = shape.direction[0] >= 0;
      const text = p.latest_cumulative ? `${p.destination_name} ${fmt.shortNumber(p.latest_cumulative)}` : p.destination_name;
      const dy = shape.direction[1] > 0.5 ? 12 : shape.direction[1] < -0.5 ? -6 : 4;
      tryLabel(bx + (right ? 6 : -6), by + dy, right ? "start" : "end", text, this.selected && fmt.corridorKey({ country: p.origin_iso2 }, { country: p.destination_iso2 }) === this.selected ? "strong" : "");
    }
    const origins = new Map();
    for (const { f } of arrows) if (!origins.has(f.properties.origin_iso2)) origins.set(f.properties.origin_iso2, f);
    for (const f of origins.values()) {
      const [x, y] = this.screen(...f.geometry.coordinates[0]);
      tryLabel(x, y - 8, "middle", f.properties.origin_name, "origin");
    }
  }

  drawLegend(vmax, width) {
    clear(this.legend);
    if (!this.corridors.length) {
      append(this.legend, "No corridors match the filters.");
      return;
    }
    const sample = (v) => el("span", { class: "sample" },
      append(svg("svg", { width: 34, height: 14 }), svg("line", { x1: 2, y1: 7, x2: 32, y2: 7, "stroke-width": width(v), class: "shaft" })),
      fmt.shortNumber(v));
    const top = 10 ** Math.floor(Math.log10(vmax)); // round figures at or under the widest
    append(this.legend, [top, top / 10, top / 100].filter((v) => v >= 1).map(sample),
      el("span", { class: "sample" }, append(svg("svg", { width: 14, height: 14 }), svg("path", { d: "M7,2L12,7L7,12L2,7Z", class: "crossing-key" })), "crossing"),
      el("span", { class: "sample" }, append(svg("svg", { width: 14, height: 14 }), svg("circle", { cx: 7, cy: 7, r: 5, class: "ring-key" })), "one end unknown or internal"));
  }
}
