// The timeline: events per day stacked by type; brushing a stretch of days filters the map.
import { select } from "d3-selection";
import { scaleBand, scaleLinear } from "d3-scale";
import { axisBottom, axisLeft } from "d3-axis";
import { brushX } from "d3-brush";
import { stack } from "d3-shape";
import { max } from "d3-array";
import { utcDay } from "d3-time";
import { utcFormat } from "d3-time-format";
import { typeColor, typeName, typeOrder } from "./colors.js";

const iso = utcFormat("%Y-%m-%d");
const short = utcFormat("%d %b");

export function eventDay(e) { return e.when && e.when.start ? String(e.when.start).slice(0, 10) : null; }

export class Timeline {
  constructor(svgEl, { onBrush }) {
    this.svg = select(svgEl);
    this.onBrush = onBrush;
  }

  render(events) {
    const el = this.svg.node();
    const width = el.clientWidth || 800;
    const height = el.clientHeight || 140;
    const m = { top: 6, right: 10, bottom: 20, left: 28 };
    this.svg.attr("viewBox", `0 0 ${width} ${height}`).attr("class", "timeline").selectAll("*").remove();
    const dated = events.filter(eventDay);
    el.dataset.days = "0";
    if (!dated.length) {
      this.svg.append("text").attr("x", width / 2).attr("y", height / 2).attr("text-anchor", "middle")
        .attr("fill", "#888").text("no dated events");
      return;
    }
    const days = dated.map(eventDay).sort();
    const first = new Date(days[0] + "T00:00:00Z");
    const last = new Date(days[days.length - 1] + "T00:00:00Z");
    const range = utcDay.range(utcDay.offset(first, -1), utcDay.offset(last, 2)).map(iso);
    const types = typeOrder().filter((t) => dated.some((e) => typeName(e) === t));
    const rows = range.map((d) => {
      const row = { day: d };
      for (const t of types) row[t] = 0;
      return row;
    });
    const byDay = new Map(rows.map((r) => [r.day, r]));
    for (const e of dated) {
      const r = byDay.get(eventDay(e));
      if (r) r[typeName(e)] += 1;
    }
    const series = stack().keys(types)(rows);
    const x = scaleBand().domain(range).range([m.left, width - m.right]).paddingInner(0.15);
    const y = scaleLinear().domain([0, max(rows, (r) => types.reduce((s, t) => s + r[t], 0)) || 1]).nice()
      .range([height - m.bottom, m.top]);
    const every = Math.max(1, Math.ceil(range.length / Math.max(2, Math.floor(width / 60))));
    this.svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - m.bottom})`)
      .call(axisBottom(x).tickValues(range.filter((_, i) => i % every === 0))
        .tickFormat((d) => short(new Date(d + "T00:00:00Z"))));
    this.svg.append("g").attr("class", "axis").attr("transform", `translate(${m.left},0)`)
      .call(axisLeft(y).ticks(Math.min(4, y.domain()[1])).tickFormat((v) => (Number.isInteger(v) ? v : "")));
    this.svg.append("g").selectAll("g").data(series).join("g").attr("fill", (s) => typeColor(s.key))
      .selectAll("rect").data((s) => s.map((d) => ({ ...d, key: s.key }))).join("rect")
      .attr("class", "bar")
      .attr("x", (d) => x(d.data.day)).attr("width", x.bandwidth())
      .attr("y", (d) => y(d[1])).attr("height", (d) => Math.max(0, y(d[0]) - y(d[1])))
      .attr("data-day", (d) => d.data.day).attr("data-type", (d) => d.key).attr("data-count", (d) => d[1] - d[0])
      .filter((d) => d[1] - d[0] === 0).remove();
    this.svg.selectAll("rect.bar").append("title").text((d) => `${d.data.day}: ${d[1] - d[0]} × ${d.key}`);
    el.dataset.days = String(range.length);

    const brush = brushX().extent([[m.left, m.top], [width - m.right, height - m.bottom]])
      .on("end", (ev) => {
        if (!ev.sourceEvent) return;
        if (!ev.selection) { this.onBrush(null); return; }
        const [x0, x1] = ev.selection;
        const picked = range.filter((d) => {
          const c = x(d) + x.bandwidth() / 2;
          return c >= x0 && c <= x1;
        });
        this.onBrush(picked.length ? [picked[0], picked[picked.length - 1]] : null);
      });
    this.brushG = this.svg.append("g").attr("class", "brush").call(brush);
    this.brush = brush;
    this.scale = x;
    this.svg.on("dblclick", () => { this.brushG.call(brush.move, null); this.onBrush(null); });
  }

  // Select a day range programmatically (tests and the URL use it).
  select(fromDay, toDay) {
    if (!this.brush || !this.scale) return;
    const x0 = this.scale(fromDay);
    const x1 = this.scale(toDay);
    if (x0 === undefined || x1 === undefined) return;
    this.brushG.call(this.brush.move, [x0, x1 + this.scale.bandwidth()]);
    this.onBrush([fromDay, toDay]);
  }
}
