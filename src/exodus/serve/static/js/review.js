// Review from the page: accept, reject or correct a fact, with the token the user types in.
// Each action is one call to the API's review endpoints; the audit trail keeps who, when,
// before, after and why.

import { ApiError, api, credentials } from "./api.js";
import { append, clear, el, toast } from "./dom.js";
import * as fmt from "./format.js";

const ACTIONS = { accept: "Accept", reject: "Reject", correct: "Correct" };

export class Review {
  constructor({ toggle, form, note, off }, { onChanged }) {
    Object.assign(this, { toggle, form, note, off, onChanged });
    this.writes = false;
    this.meta = null;
    toggle.addEventListener("click", () => this.openForm(form.hidden));
    off.addEventListener("click", () => { credentials.clear(); this.update(); this.openForm(false); this.onChanged({ reviewOnly: true }); });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const data = new FormData(form);
      credentials.set(String(data.get("token")).trim(), String(data.get("reviewer")).trim());
      form.elements.token.value = "";
      this.update();
      this.openForm(false);
      toast(`Reviewing as ${credentials.reviewer}: accept, reject or correct facts from the claims or the document.`);
      this.onChanged({ reviewOnly: true });
    });
    form.elements.reviewer.value = credentials.reviewer;
  }

  /** Open the token form with a reason (a server that protects its data). */
  askForToken(reason) {
    this.update();
    this.note.textContent = reason;
    this.openForm(true);
  }

  openForm(open) {
    this.form.hidden = !open;
    this.toggle.setAttribute("aria-expanded", String(open));
    if (open) (this.form.elements.reviewer.value ? this.form.elements.token : this.form.elements.reviewer).focus();
  }

  /** The server's status (do writes work at all?) and the field lists for corrections. */
  setup(status, meta) {
    this.writes = Boolean(status?.writes);
    if (meta) this.meta = meta;
    this.update();
  }

  get active() {
    return this.writes && Boolean(credentials.token) && Boolean(credentials.reviewer);
  }

  update() {
    this.toggle.textContent = this.active ? `Reviewing as ${credentials.reviewer}` : "Review…";
    this.toggle.classList.toggle("on", this.active);
    this.off.hidden = !credentials.token;
    this.note.textContent = this.writes
      ? "Enter the server's token to accept, reject or correct facts. It stays in this tab only."
      : "This server was started without a token: it refuses every write, so review is off.";
    this.form.querySelector("button[type=submit]").disabled = !this.writes;
  }

  /** The review buttons for one fact (`fact`: its fields as far as known, with fact_uid). */
  controls(fact) {
    const box = el("span", { class: "review-controls" });
    if (!this.active) return box;
    for (const [action, name] of Object.entries(ACTIONS)) {
      append(box, el("button", { type: "button", class: `quiet ${action}`, dataset: { action }, onclick: (e) => { e.stopPropagation(); this.showForm(box, fact, action); } }, name));
    }
    return box;
  }

  fields() {
    const m = this.meta || { choices: {}, numbers: [], texts: [], places: [], dates: [] };
    return [...Object.keys(m.choices), ...m.numbers, ...m.places, ...m.texts, ...m.dates];
  }

  inputFor(field, fact) {
    const m = this.meta;
    const current = fact[field];
    if (m.choices[field]) {
      return el("select", { name: "value" }, m.choices[field].map((v) => el("option", { value: v, selected: v === current }, fmt.label(v))));
    }
    if (m.numbers.includes(field)) return el("input", { name: "value", type: "number", step: "any", min: "0", value: current ?? "", placeholder: "empty: none" });
    if (m.dates.includes(field)) return el("input", { name: "value", type: "date", value: current ?? "" });
    if (m.places.includes(field)) return el("input", { name: "value", value: current?.country ?? "", maxlength: "2", size: "4", placeholder: "ISO code", title: "ISO 3166-1 alpha-2 code, e.g. KZ; empty: unknown" });
    return el("input", { name: "value", value: current ?? "", maxlength: "500", placeholder: "empty: none" });
  }

  showForm(box, fact, action) {
    box.parentElement.querySelector("form.review-action")?.remove();
    const why = el("input", { name: "why", required: true, maxlength: "4000", placeholder: "why (kept in the audit trail)", class: "why" });
    const slot = el("span", { class: "value-slot" });
    const field = action === "correct"
      ? el("select", { name: "field", title: "Field to correct" }, this.fields().map((f) => el("option", { value: f, selected: f === "value" }, fmt.label(f))))
      : null;
    const fill = () => { clear(slot); slot.append(this.inputFor(field.value, fact)); };
    if (field) { field.addEventListener("change", fill); fill(); }
    const message = el("span", { class: "error", role: "alert" });
    const form = el("form", { class: `review-action ${action}`, onclick: (e) => e.stopPropagation() },
      field, slot, why,
      el("button", { type: "submit" }, ACTIONS[action]),
      el("button", { type: "button", class: "quiet", onclick: () => form.remove() }, "Cancel"),
      message);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      message.textContent = "";
      try {
        const entry = await this.send(fact.fact_uid, action, field?.value, slot.firstElementChild?.value, why.value.trim());
        form.remove();
        toast(`${ACTIONS[action]}ed: audit entry #${entry.id} by ${entry.reviewer}. Claims, timeline and map now include it.`);
        this.onChanged({ fact: fact.fact_uid });
      } catch (err) {
        message.textContent = err instanceof ApiError ? `${err.code}: ${err.message}` : String(err);
        if (err.status === 401) { credentials.clear(); this.update(); }
      }
    });
    box.after(form);
    (field || why).focus();
  }

  async send(factUid, action, field, raw, why) {
    const body = { reviewer: credentials.reviewer, why };
    const path = `/facts/${encodeURIComponent(factUid)}`;
    if (action !== "correct") return api(`${path}/${action}`, { method: "POST", body });
    const m = this.meta;
    let value = raw === undefined || raw === "" ? null : raw;
    if (value !== null && m.numbers.includes(field)) value = Number(value);
    if (value !== null && m.places.includes(field)) value = value.trim().toUpperCase();
    return api(path, { method: "PATCH", body: { ...body, changes: { [field]: value } } });
  }
}
