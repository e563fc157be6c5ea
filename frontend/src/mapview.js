// The map: Natural Earth borders shipped with eventwire (no internet needed), web tiles only when
// a tile URL is configured, and clustered event markers coloured by type and sized by deaths.
import L from "leaflet";
import "leaflet.markercluster";
import { feature } from "topojson-client";
import { typeColor, typeName, typeOrder } from "./colors.js";

export function fatalities(e) {
  const f = e.fatalities || {};
  return f.high ?? f.best ?? f.low ?? 0;
}

export function markerSize(e) {
  return Math.round(12 + 5 * Math.sqrt(Math.max(0, fatalities(e))));
}

export function hasCoords(e) {
  return e.place && typeof e.place.lat === "number" && typeof e.place.lon === "number";
}

export class MapView {
  constructor(el, { tileUrl, tileAttribution, onSelect }) {
    this.el = el;
    this.onSelect = onSelect;
    this.map = L.map(el, { worldCopyJump: true, zoomSnap: 0.25, minZoom: 2, maxZoom: tileUrl ? 18 : 12 }).setView([48, 32], 4);
    if (tileUrl) {
      L.tileLayer(tileUrl, { maxZoom: 18, attribution: tileAttribution || "" }).addTo(this.map);
      el.dataset.basemap = "tiles";
    } else {
      el.dataset.basemap = "natural-earth";
    }
    this.map.attributionControl.setPrefix("Leaflet");
    this.map.attributionControl.addAttribution("Borders: Natural Earth (public domain)");
    this.cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      iconCreateFunction: (c) => this.clusterIcon(c),
    });
    this.map.addLayer(this.cluster);
    this.addLegend();
  }

  async loadBasemap() {
    const r = await fetch("/static/basemap/countries-50m.json");
    const topo = await r.json();
    const countries = feature(topo, topo.objects.countries);
    const tiles = this.el.dataset.basemap === "tiles";
    this.basemap = L.geoJSON(countries, {
      interactive: false,
      style: () => (tiles
        ? { color: "#555", weight: 0.8, fill: false }
        : { color: "#9a8f7a", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1, className: "basemap-country" }),
    }).addTo(this.map);
    this.basemap.bringToBack();
    this.el.dataset.basemapLoaded = String(countries.features.length);
  }

  addLegend() {
    const legend = L.control({ position: "bottomleft" });
    legend.onAdd = () => {
      const div = L.DomUtil.create("div", "legend");
      div.innerHTML = typeOrder().map((t) => `<div><i style="background:${typeColor(t)}"></i>${t}</div>`).join("")
        + '<div class="muted">size: deaths</div>';
      return div;
    };
    legend.addTo(this.map);
  }

  clusterIcon(c) {
    const children = c.getAllChildMarkers();
    const counts = new Map();
    for (const m of children) counts.set(m.options.eventType, (counts.get(m.options.eventType) || 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const n = children.length;
    const size = Math.round(26 + 6 * Math.log2(n));
    return L.divIcon({
      html: `<div style="width:${size}px;height:${size}px;background:${typeColor(top)}" data-count="${n}">${n}</div>`,
      className: "ew-cluster", iconSize: [size, size],
    });
  }

  setEvents(events, { fit = false } = {}) {
    this.cluster.clearLayers();
    const markers = [];
    for (const e of events) {
      if (!hasCoords(e)) continue;
      const size = markerSize(e);
      const type = typeName(e);
      const icon = L.divIcon({
        className: "ew-marker",
        html: `<div data-event-id="${e.id}" style="width:${size}px;height:${size}px;background:${typeColor(type)}"></div>`,
        iconSize: [size, size],
      });
      const m = L.marker([e.place.lat, e.place.lon], { icon, eventType: type, title: `${e.acled?.sub_event_type || type} — ${e.place.name}` });
      m.on("click", () => this.onSelect(e.id));
      markers.push(m);
    }
    this.cluster.addLayers(markers);
    this.el.dataset.markers = String(markers.length);
    if (fit && markers.length) {
      const b = L.latLngBounds(markers.map((m) => m.getLatLng()));
      this.map.fitBounds(b.pad(0.3), { maxZoom: 8 });
    }
  }

  focus(e) {
    if (!hasCoords(e)) return;
    this.map.setView([e.place.lat, e.place.lon], Math.max(this.map.getZoom(), 7));
  }
}
