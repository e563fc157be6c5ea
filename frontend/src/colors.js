// Event-type colours: the same file the Python reports read (static/shared/event_types.json).
let TYPES = { types: [], unknown: { name: "Unclassified", color: "#7f7f7f" } };

export async function loadTypes() {
  try {
    const r = await fetch("/static/shared/event_types.json");
    if (r.ok) TYPES = await r.json();
  } catch { /* keep the default */ }
  return TYPES;
}

export function types() { return TYPES; }

export function typeName(e) { return e.acled?.event_type || TYPES.unknown.name; }

export function typeColor(name) {
  const t = TYPES.types.find((x) => x.name.toLowerCase() === String(name || "").toLowerCase());
  return t ? t.color : TYPES.unknown.color;
}

export function typeOrder() { return [...TYPES.types.map((t) => t.name), TYPES.unknown.name]; }
