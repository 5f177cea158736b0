// The document view: the stored documents, and one document's text with each fact's sentence
// highlighted and the boilerplate cleaning removed greyed out in place.  The text is the
// original (as read) when every fact has offsets into it, else the cleaned text.

import { append, clear, el, empty, withTooltip } from "./dom.js";
import * as fmt from "./format.js";

/**
 * Cut `text` into runs at every boundary of `spans` ({start, end, ...}); each run lists the
 * spans covering it.  Returns [{start, end, covering: [span...]}].
 */
export function segments(text, spans) {
  const n = text.length;
  const cuts = new Set([0, n]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(n, s.start)));
    cuts.add(Math.max(0, Math.min(n, s.end)));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const [a, b] = [sorted[i], sorted[i + 1]];
    if (a === b) continue;
    out.push({ start: a, end: b, covering: spans.filter((s) => s.start <= a && s.end >= b) });
  }
  return out;
}

function factLines(f) {
  const review = f.review;
  return [
    ["figure", fmt.figure(f)],
    ["measure", `${fmt.label(f.measure)} (${fmt.label(f.term)})`],
    ["corridor", fmt.corridorName(f.origin, f.destination)],
    f.place ? ["place", fmt.placeName(f.place)] : null,
    ["period", fmt.period(f.period_start, f.period_end)],
    ["speaker", f.speaker ? `${f.speaker}${f.speaker_via ? ` (to ${f.speaker_via})` : ""}` : "the document's own voice"],
    f.population ? ["who", f.population] : null,
    ["confidence", f.confidence.toFixed(2)],
    review ? ["review", `${review.status} by ${review.reviewer} on ${fmt.date(review.reviewed_at.slice(0, 10))}: ${review.why}`] : null,
  ];
}

export class DocumentView {
  constructor({ container, card, title, back, toggle, showRemoved }, { review, onPage, onOpen }) {
    Object.assign(this, { container, card, title, back, toggle, showRemoved, review, onPage, onOpen });
    this.doc = null;
    this.selected = null;
    showRemoved.addEventListener("change", () => this.renderDocument(false));
  }

  /** The list of stored documents (a page of /documents). */
  showList(page) {
    this.doc = null;
    this.selected = null;
    this.title.textContent = "Documents";
    this.back.hidden = true;
    this.toggle.hidden = true;
    this.renderCard();
    clear(this.container);
    if (!page.items.length) {
      this.container.append(empty("No documents match the filters.", "Ingest articles with `exodus ingest`, or upload them through the API."));
      return;
    }
    const list = el("ol", { class: "documents" });
    for (const d of page.items) {
      const item = el("li", { tabindex: "0", dataset: { document: d.content_hash } },
        el("div", { class: "doc-title" }, d.title || fmt.baseName(d.source)),
        el("div", { class: "muted" }, [
          `${d.published ? fmt.date(d.published) : "undated"}${d.published_source === "inferred" ? " (inferred)" : ""}`,
          `${d.facts} fact${d.facts === 1 ? "" : "s"}`,
          d.title ? d.url || fmt.baseName(d.source) : null,
        ].filter(Boolean).join(" · ")));
      item.addEventListener("click", () => this.onOpen(d.content_hash));
      item.addEventListener("keydown", (e) => { if (e.key === "Enter") this.onOpen(d.content_hash); });
      list.append(item);
    }
    append(this.container, el("p", { class: "muted list-note" }, `${fmt.number(page.total)} document${page.total === 1 ? "" : "s"}; click one to read it with its facts highlighted, or click a claim.`), list);
    if (page.total > page.items.length) {
      this.container.append(el("div", { class: "pager" },
        el("button", { type: "button", class: "quiet", disabled: page.offset === 0, onclick: () => this.onPage(Math.max(0, page.offset - page.limit)) }, "‹ earlier"),
        el("button", { type: "button", class: "quiet", disabled: page.offset + page.limit >= page.total, onclick: () => this.onPage(page.offset + page.limit) }, "later ›")));
    }
  }

  /** Show a document (a /documents/{hash} answer), with the fact `factUid` selected. */
  show(doc, factUid) {
    this.doc = doc;
    this.selected = factUid || null;
    this.title.textContent = doc.title || fmt.baseName(doc.source);
    this.back.hidden = false;
    this.toggle.hidden = !this.hasOriginal();
    this.renderDocument(true);
  }

  hasOriginal() {
    const d = this.doc;
    return Boolean(d?.original) && d.facts.every((f) => Number.isInteger(f.evidence.raw_start) && Number.isInteger(f.evidence.raw_end));
  }

  renderDocument(scroll) {
    const d = this.doc;
    if (!d) return;
    clear(this.container);
    const original = this.hasOriginal() && this.showRemoved.checked;
    const text = original ? d.original : d.text;
    const facts = d.facts.map((f) => ({
      fact: f, start: original ? f.evidence.raw_start : f.evidence.start, end: original ? f.evidence.raw_end : f.evidence.end,
    }));
    const removed = original ? d.removed.map((r) => ({ removed: r, start: r.start, end: r.end })) : [];
    const about = [
      d.published ? `published ${fmt.date(d.published)}${d.published_source === "inferred" ? " (inferred from the text)" : ""}` : "no publication date",
      `${d.facts.length} fact${d.facts.length === 1 ? "" : "s"}`,
      removed.length ? `${removed.length} boilerplate span${removed.length === 1 ? "" : "s"} removed (greyed)` : null,
      d.copy_of ? `near-duplicate copy of ${fmt.baseName(d.copy_of)}: not counted` : null,
    ].filter(Boolean).join(" · ");
    const body = el("div", { class: "doc-text", lang: d.language || "en" });
    for (const seg of segments(text, [...facts, ...removed])) {
      const piece = text.slice(seg.start, seg.end);
      const cut = seg.covering.find((s) => s.removed);
      const onFacts = seg.covering.filter((s) => s.fact).map((s) => s.fact);
      if (cut) {
        body.append(withTooltip(el("span", { class: "removed" }, piece), "Removed by cleaning", [fmt.label(cut.removed.kind)]));
      } else if (onFacts.length) {
        const uids = onFacts.map((f) => f.fact_uid);
        const rejected = onFacts.every((f) => f.review?.status === "rejected");
        const mark = el("mark", { class: `fact${rejected ? " rejected" : ""}${uids.includes(this.selected) ? " selected" : ""}`, dataset: { facts: uids.join(" ") }, tabindex: "0" }, piece);
        withTooltip(mark, `${onFacts.length} fact${onFacts.length === 1 ? "" : "s"}`, onFacts.map((f) => `${fmt.figure(f)}, ${fmt.corridorName(f.origin, f.destination)}`));
        mark.addEventListener("click", () => this.select(uids[0]));
        body.append(mark);
      } else {
        body.append(piece);
      }
    }
    append(this.container, el("p", { class: "muted doc-about" }, about, " · ", el("span", { class: "source" }, d.url || d.source)), body);
    this.renderCard();
    if (scroll) {
      const target = body.querySelector("mark.selected");
      if (target) target.scrollIntoView({ block: "center" });
      else this.container.scrollTop = 0;
    }
  }

  select(uid) {
    this.selected = uid;
    for (const mark of this.container.querySelectorAll("mark.fact")) {
      mark.classList.toggle("selected", mark.dataset.facts.split(" ").includes(uid));
    }
    this.renderCard();
  }

  renderCard() {
    const card = this.card;
    const fact = this.doc?.facts.find((f) => f.fact_uid === this.selected);
    clear(card);
    card.hidden = !fact;
    if (!fact) return;
    const rows = factLines(fact).filter(Boolean).map(([k, v]) => el("div", {}, el("dt", {}, k), el("dd", {}, v)));
    append(card,
      el("div", { class: "card-head" }, el("strong", {}, fmt.figure(fact)), " ",
        el("span", { class: "muted" }, fact.review?.status === "rejected" ? "rejected" : fmt.label(fact.measure)),
        el("button", { type: "button", class: "quiet close", title: "Close", onclick: () => { this.selected = null; this.select(null); } }, "×")),
      el("dl", {}, rows),
      this.review.controls(fact));
  }
}
