// A corridor's timeline as SVG, the same reading as `exodus timeline --format png`:
// the cumulative estimate with its low–high envelope and every reported total as a claim point
// (top), the daily estimate and every reported rate over the days it covers (bottom).

import { append, clear, el, empty, svg, withTooltip } from "./dom.js";
import * as fmt from "./format.js";

const DAY = 86400000;
const RATE_DAYS = { per_day: 1, per_week: 7, per_month: 30 };

/** Round numbers for an axis from 0 to about `max`: [ticks, top]. */
export function niceTicks(max, count = 4) {
  if (!(max > 0)) return [[0, 1], 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const top = Math.ceil(max / step) * step;
  const ticks = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(v);
  return [ticks, top];
}

function dayTicks(t0, t1, widthPx) {
  const days = (t1 - t0) / DAY;
  const most = Math.max(2, Math.floor(widthPx / 80));
  const step = [1, 2, 7, 14, 30.44, 61, 91.3, 182.6, 365.25, 730.5].find((s) => days / s <= most) || 1461;
  const ticks = [];
  if (step >= 30) {
    const months = Math.round(step / 30.44);
    const d = new Date(t0);
    let m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    while (m.getTime() <= t1) {
      if (m.getUTCMonth() % months === 0) ticks.push(m.getTime());
      m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
    }
  } else {
    for (let t = Math.ceil(t0 / DAY) * DAY; t <= t1; t += step * DAY) ticks.push(t);
  }
  return ticks;
}

/** The claims a flow timeline is built from (people, reported, dated), by kind. */
export function flowClaims(claims) {
  const used = claims.filter((c) => c.measure === "flow" && c.unit === "people" && c.modality === "reported" && c.period_end);
  return { totals: used.filter((c) => c.rate === "total"), rates: used.filter((c) => RATE_DAYS[c.rate]) };
}

function cumulativeBefore(points, iso) {
  let found = 0;
  for (const p of points) {
    if (p.date >= iso) break;
    found = p.cumulative;
  }
  return found;
}

function claimLines(c) {
  return [
    ["figure", fmt.claimFigure(c)],
    ["period", fmt.period(c.period_start, c.period_end)],
    ["source", fmt.claimSource(c) || "the document's own voice"],
    ["reports", String(c.reports.length)],
    c.conflicting ? `disagrees with ${c.conflicts_with.length} other claim${c.conflicts_with.length === 1 ? "" : "s"}` : null,
    "click: its sentence in the document",
  ];
}

/** Draw the timeline into `container`.  `range` ([t0, t1], ms) zooms the days shown; dragging
 * across the chart calls `onRange` with the days chosen, a double click with null. */
export function drawTimeline(container, timeline, claims, { onClaim, range, onRange }) {
  clear(container);
  const inRange = (iso) => !range || (fmt.day(iso).getTime() >= range[0] && fmt.day(iso).getTime() <= range[1]);
  const points = (timeline.points || []).filter((p) => inRange(p.date));
  const stocks = (timeline.stocks || []).filter((p) => inRange(p.date));
  const flows = flowClaims(claims);
  const totals = flows.totals.filter((c) => inRange(c.period_end));
  const rates = flows.rates.filter((c) => inRange(c.period_end));
  if (!points.length && !stocks.length) {
    container.append(empty("No dated flow of people on this corridor.",
      "Its claims are wait times, queues, forecasts or undated figures: see the claims table."));
    return;
  }
  const legend = el("div", { class: "chart-legend" },
    el("span", { class: "key line" }, "cumulative estimate"),
    el("span", { class: "key band" }, "low–high envelope"),
    totals.length ? el("span", { class: "key total" }, `reported totals (${totals.length})`) : null,
    stocks.length ? el("span", { class: "key stock" }, "people present (stock)") : null,
    el("span", { class: "key bar" }, "daily estimate"),
    rates.length ? el("span", { class: "key rate" }, `reported rates (${rates.length})`) : null,
    range
      ? el("button", { type: "button", class: "quiet zoom-reset", onclick: () => onRange(null) }, "show all days")
      : el("span", { class: "zoom-hint" }, "drag across the chart to zoom in"));
  const box = el("div", { class: "chart" });
  append(container, legend, box);
  const W = Math.max(320, box.clientWidth);
  const H = Math.max(200, box.clientHeight);
  const m = { left: 62, right: 14, top: 8, bottom: 22, gap: 16 };
  const topH = (H - m.top - m.bottom - m.gap) * 0.62;
  const bottomH = H - m.top - m.bottom - m.gap - topH;

  const times = [...points.map((p) => fmt.day(p.date)), ...stocks.map((s) => fmt.day(s.date)),
    ...totals.map((c) => fmt.day(c.period_end)), ...rates.map((c) => fmt.day(c.period_start || c.period_end))];
  let t0 = range ? range[0] : Math.min(...times.map((d) => d.getTime()));
  let t1 = range ? range[1] : Math.max(...times.map((d) => d.getTime()));
  if (t1 - t0 < 4 * DAY) { t0 -= 2 * DAY; t1 += 2 * DAY; }
  const pad = Math.max(DAY, (t1 - t0) * 0.02);
  t0 -= pad;
  t1 += pad;
  const x = (iso) => m.left + ((fmt.day(iso).getTime() - t0) / (t1 - t0)) * (W - m.left - m.right);
  const dayWidth = (W - m.left - m.right) / ((t1 - t0) / DAY);

  const totalY = totals.map((c) => {
    const known = c.period_start && c.period_start <= c.period_end;
    const base = known ? cumulativeBefore(points, c.period_start) : 0;
    return { c, y: base + c.value, low: base + Math.min(c.low, c.value), high: base + Math.max(c.high, c.value) };
  });
  const [topTicks, topMax] = niceTicks(Math.max(...points.map((p) => p.high), ...totalY.map((t) => t.high), ...stocks.map((s) => s.high ?? s.value), 1));
  const daily = points.filter((p) => p.daily !== null && p.daily !== undefined);
  const rateY = rates.map((c) => c.value / RATE_DAYS[c.rate]);
  const [bottomTicks, bottomMax] = niceTicks(Math.max(...daily.map((p) => p.daily_high ?? p.daily), ...rateY, 1), 3);
  const yTop = (v) => m.top + topH - (v / topMax) * topH;
  const y0 = m.top + topH + m.gap;
  const yBottom = (v) => y0 + bottomH - (v / bottomMax) * bottomH;

  const chart = svg("svg", { class: "timeline-svg", width: W, height: H, viewBox: `0 0 ${W} ${H}` });
  const plotWidth = W - m.left - m.right;
  chart.append(svg("defs", {}, svg("clipPath", { id: "plot-area" }, svg("rect", { x: m.left - 6, y: 0, width: plotWidth + 12, height: H }))));
  const brush = svg("rect", { class: "brush", x: m.left, y: m.top, width: plotWidth, height: H - m.top - m.bottom });
  // grids and axes
  for (const [ticks, y] of [[topTicks, yTop], [bottomTicks, yBottom]]) {
    for (const v of ticks) {
      append(chart, svg("line", { class: "gridline", x1: m.left, x2: W - m.right, y1: y(v), y2: y(v) }),
        svg("text", { class: "tick", x: m.left - 6, y: y(v) + 4, "text-anchor": "end" }, fmt.shortNumber(v)));
    }
  }
  append(chart,
    svg("text", { class: "axis-title", x: 12, y: m.top + topH / 2, transform: `rotate(-90 12 ${m.top + topH / 2})`, "text-anchor": "middle" }, "cumulative"),
    svg("text", { class: "axis-title", x: 12, y: y0 + bottomH / 2, transform: `rotate(-90 12 ${y0 + bottomH / 2})`, "text-anchor": "middle" }, "per day"));
  const xTicks = dayTicks(t0, t1, W - m.left - m.right);
  const years = new Set(xTicks.map((t) => new Date(t).getUTCFullYear()));
  for (const t of xTicks) {
    const iso = fmt.isoDay(new Date(t));
    append(chart, svg("line", { class: "gridline vertical", x1: x(iso), x2: x(iso), y1: m.top, y2: H - m.bottom }),
      svg("text", { class: "tick", x: x(iso), y: H - 6, "text-anchor": "middle" }, fmt.shortDate(new Date(t), years.size > 1)));
  }
  chart.append(brush);
  const data = svg("g", { "clip-path": "url(#plot-area)" });
  chart.append(data);
  bindBrush(chart, brush, { x0: m.left, x1: W - m.right, t0, t1, onRange });
  // cumulative: envelope, line, totals, stocks
  if (points.length) {
    const upper = points.map((p) => `${x(p.date).toFixed(1)},${yTop(p.high).toFixed(1)}`);
    const lower = points.map((p) => `${x(p.date).toFixed(1)},${yTop(p.low).toFixed(1)}`).reverse();
    append(data, svg("polygon", { class: "envelope", points: [...upper, ...lower].join(" ") }),
      svg("path", { class: "cumulative", d: points.map((p, i) => `${i ? "L" : "M"}${x(p.date).toFixed(1)},${yTop(p.cumulative).toFixed(1)}`).join("") }));
    if (points.length === 1) data.append(svg("circle", { class: "cumulative-dot", cx: x(points[0].date), cy: yTop(points[0].cumulative), r: 3 }));
    const last = points[points.length - 1];
    data.append(withTooltip(svg("circle", { class: "latest", cx: x(last.date), cy: yTop(last.cumulative), r: 4 }),
      `Latest: ${fmt.number(last.cumulative)}`, [["on", fmt.date(last.date)], last.low !== last.high ? ["range", `${fmt.number(last.low)}–${fmt.number(last.high)}`] : null]));
  }
  for (const { c, y, low, high } of totalY) {
    const cx = x(c.period_end);
    const g = svg("g", { class: `claim-point${c.conflicting ? " conflicting" : ""}`, dataset: { claim: c.id }, tabindex: "0" },
      svg("line", { class: "whisker", x1: cx, x2: cx, y1: yTop(low), y2: yTop(high) }),
      svg("path", { d: `M${cx},${yTop(y) - 5}L${cx + 5},${yTop(y)}L${cx},${yTop(y) + 5}L${cx - 5},${yTop(y)}Z` }));
    withTooltip(g, `Reported total: ${fmt.number(c.value)}`, () => claimLines(c));
    g.addEventListener("click", () => onClaim(c));
    data.append(g);
  }
  for (const s of stocks) {
    const cx = x(s.date);
    const g = svg("g", { class: "stock-point" },
      svg("line", { class: "whisker", x1: cx, x2: cx, y1: yTop(s.low ?? s.value), y2: yTop(s.high ?? s.value) }),
      svg("rect", { x: cx - 4, y: yTop(s.value) - 4, width: 8, height: 8 }));
    withTooltip(g, `People present: ${fmt.number(s.value)}`, [["as of", fmt.date(s.date)],
      s.low !== s.high ? ["range", `${fmt.number(s.low)}–${fmt.number(s.high)}`] : null, ["claims", String(s.claims.length)]]);
    data.append(g);
  }
  // daily: bars, then rates over their days
  const barWidth = Math.max(1, dayWidth * 0.8);
  for (const p of daily) {
    const bar = svg("rect", { class: "bar", x: x(p.date) - barWidth / 2, y: yBottom(p.daily), width: barWidth, height: Math.max(0, yBottom(0) - yBottom(p.daily)) });
    withTooltip(bar, fmt.date(p.date), [["daily estimate", fmt.number(p.daily)],
      p.daily_low !== p.daily_high ? ["range", `${fmt.number(p.daily_low)}–${fmt.number(p.daily_high)}`] : null,
      ["cumulative", fmt.number(p.cumulative)], ["basis", p.basis]]);
    data.append(bar);
  }
  rates.forEach((c, i) => {
    const k = RATE_DAYS[c.rate];
    const end = fmt.day(c.period_end).getTime();
    const start = c.period_start ? fmt.day(c.period_start).getTime() : end - (k - 1) * DAY;
    const x1 = x(fmt.isoDay(new Date(start))) - barWidth / 2;
    const x2 = x(c.period_end) + barWidth / 2;
    const g = svg("g", { class: `claim-rate${c.conflicting ? " conflicting" : ""}`, dataset: { claim: c.id }, tabindex: "0" },
      svg("line", { class: "hit", x1, x2, y1: yBottom(rateY[i]), y2: yBottom(rateY[i]) }),
      svg("line", { class: "rate", x1, x2, y1: yBottom(rateY[i]), y2: yBottom(rateY[i]) }));
    withTooltip(g, `Reported rate: ${fmt.number(rateY[i])} a day`, () => claimLines(c));
    g.addEventListener("click", () => onClaim(c));
    data.append(g);
  });
  box.append(chart);
}

/** Drag across the chart to pick days; double-click for all of them again. */
function bindBrush(chart, brush, { x0, x1, t0, t1, onRange }) {
  const time = (x) => t0 + ((Math.max(x0, Math.min(x1, x)) - x0) / (x1 - x0)) * (t1 - t0);
  let start = null;
  let band = null;
  const local = (e) => e.clientX - chart.getBoundingClientRect().left;
  brush.addEventListener("pointerdown", (e) => {
    start = local(e);
    band = svg("rect", { class: "brush-band", x: start, y: brush.getAttribute("y"), width: 0, height: brush.getAttribute("height") });
    chart.append(band);
    brush.setPointerCapture(e.pointerId);
  });
  brush.addEventListener("pointermove", (e) => {
    if (start === null) return;
    const x = local(e);
    band.setAttribute("x", Math.min(x, start));
    band.setAttribute("width", Math.abs(x - start));
  });
  brush.addEventListener("pointerup", (e) => {
    if (start === null) return;
    const x = local(e);
    band.remove();
    const [a, b] = [Math.min(x, start), Math.max(x, start)];
    start = null;
    if (b - a >= 8) onRange([Math.floor(time(a) / DAY) * DAY, Math.ceil(time(b) / DAY) * DAY]);
  });
  brush.addEventListener("dblclick", () => onRange(null));
}
