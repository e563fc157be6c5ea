// The eventwire dashboard: filters -> API -> map + timeline + list; click an event -> its panel.
import { config, FILTER_KEYS, getEvent, listEvents, postStory, queryString } from "./api.js";
import { loadTypes, typeColor, typeName, types } from "./colors.js";
import { fatalities, hasCoords, MapView } from "./mapview.js";
import { esc, Panel } from "./panel.js";
import { eventDay, Timeline } from "./timeline.js";

const state = { filters: {}, events: [], total: 0, brush: null, selected: null, config: {}, loads: 0 };
window.eventwire = state;

const $ = (s) => document.querySelector(s);
const form = $("#filters");

function showError(err) {
  const box = $("#error");
  box.textContent = String(err.message || err);
  box.hidden = false;
  setTimeout(() => { box.hidden = true; }, 8000);
}

function readForm() {
  const f = {};
  const data = new FormData(form);
  for (const k of FILTER_KEYS) {
    const v = data.get(k);
    if (v !== null && v !== "") f[k] = k === "disputed" ? true : String(v).trim();
  }
  return f;
}

function writeForm(f) {
  for (const k of FILTER_KEYS) {
    const el = form.elements[k];
    if (!el) continue;
    if (el.type === "checkbox") el.checked = !!f[k];
    else {
      if (k === "event_type") fillSubTypes(f[k] || "");
      el.value = f[k] ?? "";
    }
  }
}

function fillTypes() {
  const sel = form.elements.event_type;
  for (const t of types().types) sel.insertAdjacentHTML("beforeend", `<option>${esc(t.name)}</option>`);
  sel.addEventListener("change", () => fillSubTypes(sel.value));
  fillSubTypes("");
}

function fillSubTypes(typeName_) {
  const sel = form.elements.sub_event_type;
  const subs = typeName_ ? (types().types.find((t) => t.name === typeName_)?.sub || [])
    : types().types.flatMap((t) => t.sub);
  sel.innerHTML = '<option value="">any</option>' + subs.map((s) => `<option>${esc(s)}</option>`).join("");
}

function visibleEvents() {
  if (!state.brush) return state.events;
  const [a, b] = state.brush;
  return state.events.filter((e) => { const d = eventDay(e); return d && d >= a && d <= b; });
}

function reportHref() {
  const f = { ...state.filters };
  if (state.brush) { f.since = state.brush[0]; f.until = state.brush[1]; }
  const q = queryString(f);
  return `/report.html${q ? "?" + q : ""}`;
}

function renderList() {
  const vis = visibleEvents();
  const sorted = [...vis].sort((a, b) => String(eventDay(b) || "").localeCompare(String(eventDay(a) || "")));
  const shown = sorted.slice(0, 300);
  $("#event-list").innerHTML = shown.map((e) => `<li data-event-id="${esc(e.id)}">
      <span class="dot" style="background:${typeColor(typeName(e))}"></span>
      <span><b>${esc(e.acled?.sub_event_type || typeName(e))}</b> · ${esc(e.place?.name || "no place")}
        ${e.attribution && ["disputed", "denied"].includes(e.attribution.status) ? '<span class="badge disputed">disputed</span>' : ""}
        <br><span class="muted">${esc((e.actor1?.name || e.actor1?.text || ""))}${e.actor2 ? " → " + esc(e.actor2.name || e.actor2.text) : ""}</span></span>
      <span class="muted">${esc(eventDay(e) || "undated")}${fatalities(e) ? `<br>✝ ${fatalities(e)}` : ""}</span></li>`).join("");
  $("#list-count").textContent = `${vis.length}${vis.length > shown.length ? ` (first ${shown.length} shown)` : ""}`;
  document.querySelectorAll("#event-list li").forEach((li) => li.addEventListener("click", () => openEvent(li.dataset.eventId)));
}

function renderCounts() {
  const vis = visibleEvents();
  const located = vis.filter(hasCoords).length;
  $("#counts").textContent = `${vis.length} events${state.total > state.events.length ? ` (of ${state.total})` : ""} · ${located} on the map`;
  $("#brush-range").textContent = state.brush ? `${state.brush[0]} – ${state.brush[1]}` : "";
  $("#report").href = reportHref();
}

function renderVisible({ fit = false } = {}) {
  map.setEvents(visibleEvents(), { fit });
  renderList();
  renderCounts();
}

function fillDatalists() {
  const countries = [...new Set(state.events.map((e) => e.place?.country_code).filter(Boolean))].sort();
  const regions = [...new Set(state.events.map((e) => e.place?.admin1_name).filter(Boolean))].sort();
  if (countries.length) $("#countries").innerHTML = countries.map((c) => `<option value="${esc(c)}">`).join("");
  if (regions.length) $("#regions").innerHTML = regions.map((c) => `<option value="${esc(c)}">`).join("");
}

async function load({ fit = true } = {}) {
  document.body.dataset.ready = "0";
  try {
    const { events, total } = await listEvents(state.filters);
    state.events = events;
    state.total = total;
    state.brush = null;
    timeline.render(events);
    renderVisible({ fit });
    if (!Object.keys(state.filters).length) fillDatalists();
  } catch (err) {
    showError(err);
  } finally {
    state.loads += 1;
    document.body.dataset.loads = String(state.loads);
    document.body.dataset.ready = "1";
  }
}

async function openEvent(id) {
  try {
    const { event, detail } = await getEvent(id);
    state.selected = event;
    $("#list-view").hidden = true;
    map.focus(event);
    await panel.show(event, detail);
    history.replaceState(null, "", `${location.pathname}${location.search}#event=${encodeURIComponent(id)}`);
  } catch (err) {
    showError(err);
  }
}

function closeEvent() {
  state.selected = null;
  $("#event-panel").hidden = true;
  $("#list-view").hidden = false;
  history.replaceState(null, "", `${location.pathname}${location.search}`);
}

function syncUrl() {
  const q = queryString(state.filters);
  history.replaceState(null, "", `${location.pathname}${q ? "?" + q : ""}`);
}

function setupStoryBox(cfg) {
  if (!cfg.write_enabled) return;
  const toggle = $("#add-story-toggle");
  toggle.hidden = false;
  toggle.addEventListener("click", () => { $("#add-story").hidden = !$("#add-story").hidden; });
  const tokenInput = $("#story-token");
  tokenInput.value = sessionStorage.getItem("eventwire-token") || "";
  $("#story-submit").addEventListener("click", async () => {
    const raw = $("#story-text").value.trim();
    if (!raw) return;
    const token = tokenInput.value.trim();
    sessionStorage.setItem("eventwire-token", token);
    const body = /^https?:\/\/\S+$/.test(raw) ? { url: raw } : { text: raw };
    const published = $("#story-published").value;
    if (published) body.published = published;
    const out = $("#story-result");
    out.textContent = "extracting…";
    try {
      const res = await postStory(cfg.write_url || "/api/stories", token, body);
      const ids = res.event_ids || (res.events || []).map((e) => e.id);
      out.innerHTML = `<p class="story-done">${res.created === false ? "Already stored" : "Stored"}: ${res.mentions ?? ids.length} event mention(s) in ${ids.length} event(s).</p>`
        + `<ol>${ids.map((id) => `<li><a href="#event=${esc(id)}" data-event-id="${esc(id)}">${esc(id)}</a></li>`).join("")}</ol>`;
      out.querySelectorAll("a[data-event-id]").forEach((a) => a.addEventListener("click", (ev) => { ev.preventDefault(); openEvent(a.dataset.eventId); }));
      await load({ fit: false });
    } catch (err) {
      out.textContent = `Failed: ${err.message}`;
    }
  });
}

let map;
let timeline;
let panel;

async function main() {
  const [cfg] = await Promise.all([config(), loadTypes()]);
  state.config = cfg;
  fillTypes();
  map = new MapView($("#map"), { tileUrl: cfg.tile_url, tileAttribution: cfg.tile_attribution, onSelect: openEvent });
  timeline = new Timeline($("#timeline"), { onBrush: (range) => { state.brush = range; renderVisible(); } });
  panel = new Panel($("#event-panel"), { onClose: closeEvent });
  window.eventwire.timeline = timeline;
  window.eventwire.openEvent = openEvent;
  if (!cfg.tile_url) map.loadBasemap().catch(showError);
  setupStoryBox(cfg);

  const params = new URLSearchParams(location.search);
  for (const k of FILTER_KEYS) if (params.get(k)) state.filters[k] = k === "disputed" ? true : params.get(k);
  writeForm(state.filters);
  form.addEventListener("submit", (ev) => { ev.preventDefault(); state.filters = readForm(); syncUrl(); closeEvent(); load(); });
  $("#reset").addEventListener("click", () => { state.filters = {}; writeForm({}); syncUrl(); closeEvent(); load(); });
  await load();
  const m = location.hash.match(/event=([^&]+)/);
  if (m) await openEvent(decodeURIComponent(m[1]));
}

main().catch(showError);
