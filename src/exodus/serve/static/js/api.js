// The REST API under /api/v1: the dashboard reads and writes only through it.

const TOKEN_KEY = "exodus.token";
const REVIEWER_KEY = "exodus.reviewer";

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The review token lives in this tab's sessionStorage only; the name in localStorage. */
export const credentials = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  get reviewer() { return localStorage.getItem(REVIEWER_KEY) || ""; },
  set(token, reviewer) {
    sessionStorage.setItem(TOKEN_KEY, token);
    localStorage.setItem(REVIEWER_KEY, reviewer);
  },
  clear() { sessionStorage.removeItem(TOKEN_KEY); },
};

export function apiUrl(path, params = {}) {
  const url = new URL(`/api/v1${path}`, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  return url;
}

/** Call the API; resolves to the JSON answer, rejects with an ApiError (code and message). */
export async function api(path, { method = "GET", params, body } = {}) {
  const headers = { Accept: "application/json" };
  const token = credentials.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(apiUrl(path, params), {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, "UNREACHABLE", `the server does not answer (${err.message})`);
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = data?.error || {};
    throw new ApiError(response.status, error.code || `HTTP_${response.status}`, error.message || response.statusText);
  }
  return data;
}

/** A static file of the dashboard as JSON (the map, the labels); null when it is missing. */
export async function asset(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    const data = await response.json().catch(() => null);
    throw new ApiError(response.status, data?.error?.code || "ASSETS_MISSING", data?.error?.message || `${path}: ${response.status}`);
  }
  return response.json();
}

/** Every page of a list endpoint, up to `max` items. */
export async function all(path, params = {}, max = 5000) {
  const items = [];
  let offset = 0;
  for (;;) {
    const page = await api(path, { params: { ...params, limit: 500, offset } });
    items.push(...page.items);
    offset += page.items.length;
    if (!page.items.length || offset >= page.total || items.length >= max) return items;
  }
}
