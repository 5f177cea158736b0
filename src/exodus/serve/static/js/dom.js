// Building the page from data.  Every string goes into the page as text (a text node or
// textContent), never as markup: article text, speakers, places and titles are data.  The
// page's Content-Security-Policy enforces Trusted Types with no policy, so innerHTML and the
// like would throw anyway.

const SVG_NS = "http://www.w3.org/2000/svg";

function setAttributes(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) {
      if (typeof value !== "function") throw new TypeError(`${key} must be a function`);
      node.addEventListener(key.slice(2), value);
    } else if (key === "dataset") {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
}

/** Append children: nodes as they are, strings and numbers as text, arrays flattened. */
export function append(node, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element: el("td", {class: "num"}, "98,000"). */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  return append(node, ...children);
}

/** An SVG element. */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttributes(node, attrs);
  return append(node, ...children);
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/** A short message in place of content: "nothing here yet, and why". */
export function empty(message, detail) {
  return el("div", { class: "empty" }, el("p", {}, message), detail ? el("p", { class: "muted" }, detail) : null);
}

// -- the tooltip: one floating box, filled with text lines ------------------------------------

const tooltip = () => document.getElementById("tooltip");

/** Show the tooltip near the pointer: a title, then lines (strings, or [label, value]). */
export function showTooltip(event, title, lines = []) {
  const box = tooltip();
  clear(box);
  append(box, el("strong", {}, title));
  for (const line of lines) {
    if (line === null || line === undefined || line === "") continue;
    const row = Array.isArray(line)
      ? el("div", {}, el("span", { class: "muted" }, line[0], ": "), line[1])
      : el("div", {}, line);
    append(box, row);
  }
  box.hidden = false;
  moveTooltip(event);
}

export function moveTooltip(event) {
  const box = tooltip();
  if (box.hidden) return;
  const pad = 14;
  const { innerWidth: w, innerHeight: h } = window;
  const rect = box.getBoundingClientRect();
  let x = event.clientX + pad;
  let y = event.clientY + pad;
  if (x + rect.width > w - 4) x = event.clientX - rect.width - pad;
  if (y + rect.height > h - 4) y = event.clientY - rect.height - pad;
  box.style.left = `${Math.max(4, x)}px`;
  box.style.top = `${Math.max(4, y)}px`;
}

export function hideTooltip() {
  tooltip().hidden = true;
}

/** Give an element a tooltip (lines may be a function, called when the pointer arrives). */
export function withTooltip(node, title, lines) {
  node.addEventListener("pointerenter", (e) => showTooltip(e, title, typeof lines === "function" ? lines() : lines));
  node.addEventListener("pointermove", moveTooltip);
  node.addEventListener("pointerleave", hideTooltip);
  return node;
}

// -- a passing message ----------------------------------------------------------------------

let toastTimer = null;

export function toast(message, kind = "info") {
  const box = document.getElementById("toast");
  box.textContent = message;
  box.className = `toast ${kind}`;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, kind === "error" ? 8000 : 4000);
}
