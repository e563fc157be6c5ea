"""out: exports, tables, reports, the HTTP API and the dashboard (all read through the store)."""
