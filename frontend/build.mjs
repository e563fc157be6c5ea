// Builds the dashboard into the Python package (src/eventwire/out/static/), so an installed
// eventwire serves it with neither npm nor the internet. Run with `npm ci && npm run build`.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync, statSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const staticDir = join(here, "..", "src", "eventwire", "out", "static");
const outDir = join(staticDir, "dashboard");

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
mkdirSync(join(staticDir, "basemap"), { recursive: true });

await build({
  entryPoints: { app: join(here, "src", "main.js"), style: join(here, "src", "style.css") },
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outdir: outDir,
  loader: { ".png": "dataurl", ".svg": "dataurl" },
  legalComments: "linked",
  logLevel: "warning",
});
copyFileSync(join(here, "src", "index.html"), join(outDir, "index.html"));
// Natural Earth 1:50m countries (public domain) from the world-atlas package: the offline basemap
// of the dashboard and of the reports' maps.
copyFileSync(join(here, "node_modules", "world-atlas", "countries-50m.json"),
             join(staticDir, "basemap", "countries-50m.json"));
copyFileSync(join(here, "node_modules", "world-atlas", "LICENSE"), join(staticDir, "basemap", "LICENSE.world-atlas"));

for (const f of readdirSync(outDir)) {
  const size = statSync(join(outDir, f)).size;
  console.log(`${f.padEnd(24)} ${(size / 1024).toFixed(1)} kB`);
}
