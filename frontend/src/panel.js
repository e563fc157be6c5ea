// The event panel: type in both schemes, actors, place, date, figures per source, the claim beside
// its denial, and the story with every evidence span highlighted (click a field to see its words).
import { getArticle } from "./api.js";
import { typeColor, typeName } from "./colors.js";

const PRECISION = { 1: "exact place", 2: "near / part of a place", 3: "region" };
const BASIS = {
  explicit: "date in the story", relative: "relative to publication", carried: "carried from an earlier date",
  publication: "publication date only", unresolved: "no date found",
};

export function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function num(v) {
  if (v === null || v === undefined) return "?";
  return Number.isInteger(v) ? v.toLocaleString("en") : String(v);
}

const VAGUE = new Set(["dozens", "hundreds", "thousands", "tens of thousands", "hundreds of thousands", "several",
  "scores", "a few", "some", "many", "numerous"]);

export function figureText(f) {
  const lo = f.low ?? f.best;
  const hi = f.high ?? f.best;
  let n = lo === undefined || lo === null ? num(hi) : (hi === undefined || hi === null || hi === lo ? num(lo) : `${num(lo)}–${num(hi)}`);
  if (f.qualifier && VAGUE.has(f.qualifier.toLowerCase())) n = `${f.qualifier} (≈${n})`;
  else if (f.qualifier) n = `${f.qualifier} ${n}`;
  return f.unit ? `${n} ${f.unit}` : n;
}

function actorText(a) {
  if (!a) return "";
  const codes = [a.country, a.sector].filter(Boolean).join("/");
  return `${esc(a.name || a.text)}${codes ? ` <span class="muted">(${esc(codes)}${a.acled_type ? ", " + esc(a.acled_type) : ""})</span>` : ""}`;
}

// field name -> spans, for one mention
export function fieldSpans(e) {
  const f = {};
  const add = (k, s) => { if (s && typeof s.start === "number") (f[k] ||= []).push(s); };
  add("type", e.trigger);
  for (const s of e.evidence || []) add("evidence", s);
  add("actor1", e.actor1?.span);
  add("actor2", e.actor2?.span);
  add("place", e.place?.span);
  add("when", e.when?.span);
  (e.quantities || []).forEach((q, i) => add(`figure-${i}`, q.span));
  add("says", e.attribution?.source?.span);
  add("says", e.attribution?.cue_span);
  return f;
}

export function highlightText(text, fields) {
  const cuts = new Set([0, text.length]);
  const spans = [];
  for (const [name, list] of Object.entries(fields)) {
    for (const s of list) {
      const a = Math.max(0, s.start), b = Math.min(text.length, s.end);
      if (a >= b) continue;
      spans.push({ a, b, name });
      cuts.add(a); cuts.add(b);
    }
  }
  const points = [...cuts].sort((x, y) => x - y);
  let html = "";
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const names = [...new Set(spans.filter((s) => s.a <= a && s.b >= b).map((s) => s.name))];
    const piece = esc(text.slice(a, b));
    html += names.length ? `<mark class="ev" data-fields="${names.join(" ")}">${piece}</mark>` : piece;
  }
  return html;
}

function claimPairs(claims) {
  const byKey = new Map(claims.map((c) => [`${c.article_id}|${c.id}`, c]));
  const pairs = [];
  const used = new Set();
  for (const c of claims) {
    for (const t of c.contradicts || []) {
      const target = byKey.get(`${c.article_id}|${t}`);
      if (!target) continue;
      let p = pairs.find((x) => x.claim === target);
      if (!p) { p = { claim: target, denials: [] }; pairs.push(p); }
      p.denials.push(c);
      used.add(c); used.add(target);
    }
  }
  const single = claims.filter((c) => !used.has(c));
  return { pairs, single };
}

function who(c) { return esc(c.claimant?.name || c.claimant?.text || "unnamed source"); }

export class Panel {
  constructor(el, { onClose }) {
    this.el = el;
    this.onClose = onClose;
  }

  async show(event, detail) {
    const e = event;
    const mentions = (detail.mentions || []).filter((m) => m.event);
    const views = mentions.length
      ? mentions.map((m) => ({ article_id: m.article_id, event: m.event }))
      : (e.article_ids || []).slice(0, 1).map((a) => ({ article_id: a, event: e }));
    let current = views.findIndex((v) => v.event.trigger && e.trigger && v.event.trigger.start === e.trigger.start
      && v.event.trigger.text === e.trigger.text);
    if (current < 0) current = 0;
    const type = typeName(e);
    const place = e.place;
    const when = e.when || {};
    const att = e.attribution || {};
    const figures = detail.figures?.length ? detail.figures : (e.quantities || []).map((q) => ({
      ...q, outlet: null, claimant: att.source?.name || att.source?.text, status: att.status,
    }));
    const ranges = (detail.ranges || []).filter((r) => r.n_sources > 1);
    const { pairs, single } = claimPairs(detail.claims || []);
    const sources = detail.sources?.length ? detail.sources : (e.article_ids || []).map((a) => ({ article_id: a }));
    const figIndex = (f) => (e.quantities || []).findIndex((q) => q.kind === f.kind && q.span?.text === f.text);

    this.el.innerHTML = `
      <button type="button" class="back">← all events</button>
      <h2 data-event-id="${esc(e.id)}"><span class="dot" style="background:${typeColor(type)}"></span>
        ${esc(e.acled?.sub_event_type || type)}${place ? " · " + esc(place.name) : ""}</h2>
      <dl>
        <dt>type</dt><dd><span class="field" data-field="type">ACLED: ${esc(type)}${e.acled ? " / " + esc(e.acled.sub_event_type) : ""}</span>
          <br><span class="field" data-field="type">PLOVER: ${e.plover ? esc([e.plover.type, e.plover.mode].filter(Boolean).join(" / ")) + ((e.plover.context || []).length ? ` (${esc(e.plover.context.join(", "))})` : "") : "—"}</span>
          ${e.modality && e.modality !== "occurred" ? `<span class="badge">${esc(e.modality)}</span>` : ""}</dd>
        <dt>actors</dt><dd>${e.actor1 ? `<span class="field" data-field="actor1">${actorText(e.actor1)}</span>` : "—"}
          ${e.actor2 ? ` → <span class="field" data-field="actor2">${actorText(e.actor2)}</span>` : ""}</dd>
        <dt>place</dt><dd>${place ? `<span class="field" data-field="place">${esc([place.name, place.admin1_name, place.country_code].filter(Boolean).join(", "))}</span>
          ${place.precision ? `<span class="badge">${esc(PRECISION[place.precision] || "precision " + place.precision)}</span>` : ""}
          ${typeof place.lat === "number" ? `<span class="muted">${place.lat.toFixed(3)}, ${place.lon.toFixed(3)}</span>` : "<span class='muted'>no coordinates</span>"}` : "—"}</dd>
        <dt>date</dt><dd><span class="field" data-field="when">${esc(when.start || "undated")}${when.end && when.end !== when.start ? " – " + esc(when.end) : ""}</span>
          <span class="badge">${esc(when.precision || "unknown")}</span> <span class="badge">${esc(BASIS[when.basis] || when.basis || "")}</span></dd>
        <dt>who says</dt><dd><span class="field" data-field="says">${esc(att.source?.name || att.source?.text || "the outlet")}${att.cue ? ` (${esc(att.cue)})` : ""}</span>
          <span class="badge ${esc(att.status)}">${esc(att.status || "asserted")}</span></dd>
        <dt>deaths</dt><dd>${num(e.fatalities?.low ?? 0)}${e.fatalities?.high != null && e.fatalities.high !== e.fatalities.low ? "–" + num(e.fatalities.high) : ""}</dd>
      </dl>
      <h3>Figures</h3>
      ${figures.length ? `<table class="figs"><thead><tr><th>kind</th><th>figure</th><th>source</th><th>status</th></tr></thead><tbody>
        ${figures.map((f) => { const i = figIndex(f); return `<tr class="figure" data-kind="${esc(f.kind)}"><td>${esc(f.kind)}</td>
          <td>${i >= 0 ? `<span class="field" data-field="figure-${i}">${esc(figureText(f))}</span>` : esc(figureText(f))}</td>
          <td>${esc([f.claimant, f.outlet].filter(Boolean).join(", ") || "the outlet")}</td>
          <td><span class="badge ${esc(f.status)}">${esc(f.status || "asserted")}</span></td></tr>`; }).join("")}
        ${ranges.map((r) => `<tr class="range"><td>${esc(r.kind)}</td><td colspan="3">range across ${r.n_sources} sources: ${esc(figureText(r))}${r.agree ? "" : " <span class='badge disputed'>sources disagree</span>"}</td></tr>`).join("")}
        </tbody></table>` : "<p class='muted'>No figures.</p>"}
      <h3>Claims</h3>
      ${pairs.map((p) => `<div class="claims"><div class="claim"><b>${who(p.claim)}</b> <span class="badge">${esc(p.claim.cue || "")}</span><div>${esc(p.claim.content?.text)}</div></div>
        <div class="denial">${p.denials.map((d) => `<b>${who(d)}</b> <span class="badge denied">${esc(d.cue || "denied")}</span><div>${esc(d.content?.text)}</div>`).join("<hr>")}</div></div>`).join("")}
      ${single.map((c) => `<div class="claims"><div class="claim"><b>${who(c)}</b> <span class="badge ${esc(c.status)}">${esc(c.cue || c.status)}</span><div>${esc(c.content?.text)}</div></div><div class="denial muted">no denial in the sources</div></div>`).join("")}
      ${!pairs.length && !single.length ? (att.status === "disputed" || att.status === "denied"
        ? "<p>The sources mark this event as disputed; no denial was extracted.</p>" : "<p class='muted'>No claims about this event.</p>") : ""}
      <h3>Story ${views.length > 1 ? `<select class="view">${views.map((v, i) => `<option value="${i}" ${i === current ? "selected" : ""}>source ${i + 1}</option>`).join("")}</select>` : ""}</h3>
      <div class="story">loading…</div>
      <h3>Sources</h3>
      <ol class="sources">${sources.map((s) => `<li>${s.url ? `<a href="${esc(s.url)}" target="_blank" rel="noopener">${esc(s.title || s.url)}</a>` : esc(s.title || s.article_id)}${s.outlet ? ", " + esc(s.outlet) : ""}${s.published ? ", " + esc(s.published) : ""}</li>`).join("")}</ol>
      <p><a class="button" target="_blank" href="/api/events/${encodeURIComponent(e.id)}">JSON</a></p>`;
    this.el.hidden = false;
    this.el.querySelector(".back").addEventListener("click", () => this.onClose());
    this.el.querySelectorAll(".field").forEach((f) => f.addEventListener("click", () => this.activate(f.dataset.field)));
    const sel = this.el.querySelector("select.view");
    if (sel) sel.addEventListener("change", () => this.showStory(views[Number(sel.value)]));
    this.el.scrollTop = 0;
    await this.showStory(views[current]);
  }

  async showStory(view) {
    const box = this.el.querySelector(".story");
    if (!view) { box.textContent = "No story stored for this event."; return; }
    try {
      const art = await getArticle(view.article_id);
      box.innerHTML = highlightText(art.text || "", fieldSpans(view.event));
      const first = box.querySelector("mark.ev");
      if (first) box.scrollTop = Math.max(0, first.offsetTop - box.offsetTop - 40);
      box.dataset.articleId = view.article_id;
      box.dataset.marks = String(box.querySelectorAll("mark.ev").length);
    } catch (err) {
      box.textContent = `The story could not be loaded: ${err.message}`;
    }
  }

  activate(field) {
    this.el.querySelectorAll(".field.active, mark.ev.active").forEach((x) => x.classList.remove("active"));
    this.el.querySelectorAll(`.field[data-field="${field}"]`).forEach((x) => x.classList.add("active"));
    const marks = [...this.el.querySelectorAll("mark.ev")].filter((m) => m.dataset.fields.split(" ").includes(field));
    marks.forEach((m) => m.classList.add("active"));
    if (marks[0]) marks[0].scrollIntoView({ block: "center", behavior: "instant" });
    this.el.dataset.activeField = field;
    this.el.dataset.activeMarks = String(marks.length);
  }
}
