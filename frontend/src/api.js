// Talking to the eventwire API. Tolerant of the two obvious response shapes (a bare list, or
// an object with the items and a total) so the dashboard keeps working as the API grows.

export const FILTER_KEYS = ["since", "until", "event_type", "sub_event_type", "country", "admin1", "actor", "text",
  "disputed"];

export function queryString(filters, extra = {}) {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = filters[k];
    if (v === undefined || v === null || v === "" || v === false) continue;
    p.set(k, v === true ? "true" : String(v));
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== null) p.set(k, String(v));
  return p.toString();
}

async function getJSON(url, options = {}) {
  const r = await fetch(url, { headers: { Accept: "application/json" }, ...options });
  if (!r.ok) {
    let detail = "";
    try { const body = await r.json(); detail = body.message ?? JSON.stringify(body.detail ?? ""); } catch { /* not JSON */ }
    throw new Error(`${r.status} ${r.statusText}${detail ? ": " + detail : ""} (${url})`);
  }
  return r.json();
}

function items(data) {
  if (Array.isArray(data)) return { items: data, total: data.length };
  const list = data.items ?? data.events ?? data.results ?? data.data ?? [];
  return { items: list, total: data.total ?? data.count ?? list.length };
}

export async function config() {
  const [cfg, health] = await Promise.all([
    getJSON("/dashboard/config.json").catch(() => ({})),
    getJSON("/api/health").catch(() => ({})),
  ]);
  return { ...cfg, write_enabled: Boolean(cfg.write_enabled || health.writable), health };
}

// The page keeps EventFilter's names (as the report route does); the API names three differently.
const API_NAMES = { event_type: "type", sub_event_type: "sub_type", text: "q" };

export function apiQuery(filters, extra = {}) {
  const renamed = {};
  for (const [k, v] of Object.entries(filters)) renamed[API_NAMES[k] || k] = v;
  const p = new URLSearchParams(queryString(filters, extra));
  for (const [k, v] of Object.entries(API_NAMES)) {
    if (p.has(k)) { p.set(v, p.get(k)); p.delete(k); }
  }
  return p.toString();
}

export async function listEvents(filters, limit = 5000) {
  const pageSize = Math.min(limit, 1000);
  let offset = 0;
  const all = [];
  let total = 0;
  // Page through the API until `limit` events or the end.
  for (;;) {
    const page = items(await getJSON(`/api/events?${apiQuery(filters, { limit: pageSize, offset })}`));
    total = page.total;
    all.push(...page.items.map((x) => x.event && x.event.id ? { ...x.event, _detail: x } : x));
    offset += page.items.length;
    if (page.items.length < pageSize || all.length >= limit || offset >= total) break;
  }
  return { events: all, total: Math.max(total, all.length) };
}

export async function getEvent(id) {
  const data = await getJSON(`/api/events/${encodeURIComponent(id)}`);
  if (data.event && typeof data.event === "object") return { event: data.event, detail: data };
  return { event: data, detail: { event: data, mentions: [], sources: [], figures: [], claims: [] } };
}

const articleCache = new Map();
export async function getArticle(id) {
  if (!articleCache.has(id)) {
    articleCache.set(id, getJSON(`/api/articles/${encodeURIComponent(id)}`).then((d) => d.article && d.article.text !== undefined
      ? { ...d.article, claims: d.extraction?.claims ?? [] } : d).catch((e) => { articleCache.delete(id); throw e; }));
  }
  return articleCache.get(id);
}

export async function postStory(url, token, body) {
  const r = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const data = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(`${r.status}: ${data.message ?? JSON.stringify(data.detail ?? data)}`);
  return data;
}
