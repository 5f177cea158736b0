// Numbers, dates, corridors and figures as people read them.

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function number(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  return Math.abs(x) < 100 && !Number.isInteger(x) ? oneDecimal.format(x) : whole.format(x);
}

/** 1.2M, 117k, 950: for labels where space is short. */
export function shortNumber(x) {
  if (x === null || x === undefined) return "–";
  const a = Math.abs(x);
  if (a >= 1e6) return `${oneDecimal.format(x / 1e6)}M`;
  if (a >= 1e4) return `${whole.format(x / 1e3)}k`;
  if (a >= 1e3) return `${oneDecimal.format(x / 1e3)}k`;
  return whole.format(x);
}

/** A day as a Date at midnight UTC ("2022-09-27" -> Date). */
export function day(iso) {
  return iso ? new Date(`${iso}T00:00:00Z`) : null;
}

export function isoDay(d) {
  return d.toISOString().slice(0, 10);
}

export function date(iso) {
  const d = day(iso);
  return d ? `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : "–";
}

export function shortDate(d, withYear) {
  const base = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  return withYear ? `${base} ${d.getUTCFullYear()}` : base;
}

export function period(start, end) {
  if (!start && !end) return "undated";
  if (!start) return `to ${date(end)}`;
  if (!end) return `from ${date(start)}`;
  if (start === end) return date(end);
  const a = day(start);
  const b = day(end);
  if (a.getUTCFullYear() !== b.getUTCFullYear()) return `${date(start)} – ${date(end)}`;
  if (a.getUTCMonth() === b.getUTCMonth()) return `${a.getUTCDate()}–${date(end)}`;
  return `${shortDate(a, false)} – ${date(end)}`;
}

// -- corridors ------------------------------------------------------------------------------

/** "RU-GE"; "?" for an unknown end ("RU-?"). */
export function corridorKey(origin, destination) {
  return `${origin?.country || "?"}-${destination?.country || "?"}`;
}

export function splitKey(key) {
  const [o, d] = key.split("-");
  return [o === "?" ? null : o, d === "?" ? null : d];
}

/** A place or country end: {name, country}, or a bare name (a claim's place). */
export function placeName(p) {
  if (!p) return "unknown";
  if (typeof p === "string") return p;
  return p.name || p.country || "unknown";
}

export function corridorName(origin, destination) {
  return `${placeName(origin)} → ${placeName(destination)}`;
}

// -- figures --------------------------------------------------------------------------------

const QUALIFIERS = {
  exact: "", about: "about ", nearly: "nearly ", more_than: "more than ", at_least: "at least ",
  less_than: "less than ", up_to: "up to ", vague: "",
};
const RATES = { total: "", per_day: " a day", per_week: " a week", per_month: " a month" };

export function label(code) {
  return String(code || "").replaceAll("_", " ");
}

/** "nearly 98,000 people", "5,000–6,000 people a day", "tens of thousands (10,000–99,999)". */
export function figure(f) {
  const unit = f.unit ? ` ${f.unit}` : "";
  const rate = RATES[f.rate] ?? "";
  let amount;
  if (f.qualifier === "range" || f.qualifier === "vague") {
    amount = f.low !== null && f.high !== null && f.low !== undefined && f.high !== undefined
      ? `${number(f.low)}–${number(f.high)}`
      : number(f.value);
  } else {
    amount = `${QUALIFIERS[f.qualifier] ?? ""}${number(f.value)}`;
  }
  return `${amount}${unit}${rate}`;
}

/** A claim's figure: "98,000 people", "10,000 people a day". */
export function claimValue(c) {
  return `${number(c.value)} ${c.unit}${RATES[c.rate] ?? ""}`;
}

/** A claim's figure with its envelope when the reports disagree. */
export function claimFigure(c) {
  const base = claimValue(c);
  return c.low !== c.high ? `${base} (${number(c.low)}–${number(c.high)})` : base;
}

/** Who a claim comes from: its original source, else its first report's speaker or outlet. */
export function claimSource(c) {
  const first = c.reports?.[0];
  return c.original_source || first?.speaker || first?.outlet || (first ? baseName(first.document) : "");
}

export function baseName(source) {
  const s = String(source || "");
  const parts = s.split(/[\\/]/).filter(Boolean);
  return parts.length ? parts[parts.length - 1] : s;
}
