// The claims table: each figure once, with its reports (the evidence sentences) one click away.
// Clicking a claim opens its first report's sentence in the document view.

import { append, clear, el, empty, withTooltip } from "./dom.js";
import * as fmt from "./format.js";

// [class, heading, tooltip]; the corridor column is left out when one corridor is shown
const COLUMNS = [
  ["c-toggle", "", ""],
  ["c-corridor", "Corridor", ""],
  ["c-figure num", "Figure", "The claim's figure; under it, the range its reports give"],
  ["c-period", "Period", ""],
  ["c-source", "Source", "Who first gave the figure"],
  ["c-reports num", "Rep.", "Reports of this figure (near-duplicate copies not counted)"],
];

/** The sentence with the words the figure was read from marked. */
export function sentenceWithCue(sentence, cue) {
  const at = cue ? sentence.indexOf(cue) : -1;
  if (at < 0) return [sentence];
  return [sentence.slice(0, at), el("mark", { class: "cue" }, cue), sentence.slice(at + cue.length)];
}

/** What a claim's report says, as the fields of a fact (for the review form). */
export function reportFact(claim, report) {
  return {
    fact_uid: report.fact_uid, value: report.value, low: report.low, high: report.high,
    qualifier: report.qualifier, period_start: report.period_start, period_end: report.period_end,
    speaker: report.speaker, speaker_via: report.speaker_via, measure: claim.measure,
    unit: claim.unit, rate: claim.rate, modality: claim.modality, origin: claim.origin,
    destination: claim.destination, place: claim.place,
  };
}

export class ClaimsTable {
  constructor({ table, count, pager }, { onOpen, onPage, review }) {
    Object.assign(this, { table, count, pager, onOpen, onPage, review });
    this.tbody = el("tbody");
    this.expanded = new Set();
    this.claims = [];
    this.columns = [];
  }

  /** Show a page of /claims; `oneCorridor`: they all share a corridor, so leave it out. */
  render(page, { oneCorridor = false } = {}) {
    this.claims = page.items;
    this.oneCorridor = oneCorridor;
    this.columns = COLUMNS.filter(([cls]) => !(oneCorridor && cls === "c-corridor"));
    clear(this.table);
    append(this.table,
      el("colgroup", {}, this.columns.map(([cls]) => el("col", { class: cls.split(" ")[0] }))),
      el("thead", {}, el("tr", {}, this.columns.map(([cls, name, tip]) => el("th", { class: cls.includes("num") ? "num" : null, title: tip || null }, name)))),
      this.tbody);
    clear(this.tbody);
    this.count.textContent = `${fmt.number(page.total)} claim${page.total === 1 ? "" : "s"}`;
    this.renderPager(page);
    if (!page.items.length) {
      this.tbody.append(el("tr", {}, el("td", { colspan: this.columns.length }, empty("No claims match the filters.", "Widen the dates, clear the search or pick another corridor."))));
      return;
    }
    for (const claim of page.items) {
      this.tbody.append(this.row(claim));
      if (this.expanded.has(claim.id)) this.tbody.append(this.detail(claim));
    }
  }

  renderPager({ total, limit, offset }) {
    clear(this.pager);
    if (total <= limit) return;
    const last = Math.min(total, offset + limit);
    append(this.pager,
      el("button", { type: "button", class: "quiet", disabled: offset === 0, title: "Previous page", onclick: () => this.onPage(Math.max(0, offset - limit)) }, "‹"),
      ` ${fmt.number(offset + 1)}–${fmt.number(last)} of ${fmt.number(total)} `,
      el("button", { type: "button", class: "quiet", disabled: last >= total, title: "Next page", onclick: () => this.onPage(offset + limit) }, "›"));
  }

  row(claim) {
    const open = this.expanded.has(claim.id);
    const measure = claim.measure !== "flow" ? el("span", { class: "chip" }, fmt.label(claim.measure)) : null;
    const modality = claim.modality !== "reported" ? el("span", { class: "chip" }, claim.modality) : null;
    const conflict = claim.conflicting ? el("span", { class: "chip conflict" }, "conflict") : null;
    const copies = claim.copies?.length ? ` +${claim.copies.length} cop${claim.copies.length === 1 ? "y" : "ies"}` : "";
    const source = fmt.claimSource(claim) || "the document's own voice";
    const tr = el("tr", { class: `claim${open ? " open" : ""}`, tabindex: "0", dataset: { claim: claim.id }, "aria-expanded": String(open) },
      el("td", { class: "toggle" }, open ? "▾" : "▸"),
      this.oneCorridor ? null : el("td", { class: "corridor" }, fmt.corridorName(claim.origin, claim.destination)),
      el("td", { class: "figure" }, measure, modality, " ", fmt.claimValue(claim), conflict,
        claim.low !== claim.high ? el("span", { class: "envelope-note" }, `reports ${fmt.number(claim.low)}–${fmt.number(claim.high)}`) : null),
      el("td", {}, fmt.period(claim.period_start, claim.period_end)),
      el("td", { class: "source" }, source),
      el("td", { class: "num" }, String(claim.reports.length), copies));
    withTooltip(tr.querySelector("td.source"), source, claim.place ? [["place", fmt.placeName(claim.place)]] : []);
    const toggle = () => this.toggle(claim, tr);
    tr.addEventListener("click", toggle);
    tr.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); } });
    return tr;
  }

  toggle(claim, tr) {
    if (this.expanded.has(claim.id)) {
      this.expanded.delete(claim.id);
      tr.nextElementSibling?.classList.contains("detail") && tr.nextElementSibling.remove();
      tr.classList.remove("open");
      tr.setAttribute("aria-expanded", "false");
      tr.firstElementChild.textContent = "▸";
      return;
    }
    this.expanded.add(claim.id);
    tr.classList.add("open");
    tr.setAttribute("aria-expanded", "true");
    tr.firstElementChild.textContent = "▾";
    tr.after(this.detail(claim));
    if (claim.reports.length) this.onOpen(claim, claim.reports[0]);
  }

  /** Open the claim's row (when it is on this page) and scroll to it. */
  reveal(claimId) {
    const tr = this.tbody.querySelector(`tr.claim[data-claim="${CSS.escape(claimId)}"]`);
    if (!tr) return false;
    const claim = this.claims.find((c) => c.id === claimId);
    if (!this.expanded.has(claimId)) {
      this.expanded.add(claimId);
      tr.classList.add("open");
      tr.firstElementChild.textContent = "▾";
      tr.after(this.detail(claim));
    }
    tr.scrollIntoView({ block: "nearest" });
    return true;
  }

  detail(claim) {
    const reports = claim.reports.map((report) => {
      const fact = reportFact(claim, report);
      const differs = report.value !== claim.value || report.qualifier !== "exact";
      const meta = [
        report.speaker ? el("span", {}, report.speaker, report.speaker_via ? ` (to ${report.speaker_via})` : "") : el("span", { class: "muted" }, "no speaker: the document's own voice"),
        report.outlet ? el("span", {}, report.outlet) : null,
        el("span", {}, `published ${fmt.date(report.published)}`),
        el("span", { class: "muted" }, fmt.baseName(report.document)),
        differs ? el("span", {}, `says ${fmt.figure({ ...fact, unit: "" }).trim()}`) : null,
      ];
      const quote = el("blockquote", { class: "sentence", title: "Show in the document", tabindex: "0" }, sentenceWithCue(report.sentence, report.cue));
      quote.addEventListener("click", () => this.onOpen(claim, report));
      quote.addEventListener("keydown", (e) => { if (e.key === "Enter") this.onOpen(claim, report); });
      return el("div", { class: "report", dataset: { fact: report.fact_uid } },
        quote,
        el("div", { class: "meta" }, meta),
        el("div", { class: "meta muted" }, `merged: ${report.merge_reason}`),
        el("div", { class: "actions" },
          el("button", { type: "button", class: "quiet", onclick: () => this.onOpen(claim, report) }, "Show in document"),
          this.review.controls(fact)));
    });
    const notes = [];
    if (claim.conflicting) notes.push(el("p", { class: "warn" }, `Disagrees with ${claim.conflicts_with.length} other claim${claim.conflicts_with.length === 1 ? "" : "s"} about the same corridor and period.`));
    if (claim.copies?.length) notes.push(el("p", { class: "muted" }, `Also in near-duplicate copies, not counted: ${claim.copies.map(fmt.baseName).join(", ")}`));
    return el("tr", { class: "detail", dataset: { claim: claim.id } }, el("td", { colspan: this.columns.length }, notes, reports));
  }
}
