// Builds the static assets: NL Design System CSS (Utrecht components + the voorbeeld theme),
// reduced to the classes and design tokens our templates use, plus htmx.
import fs from "node:fs";
import path from "node:path";
import { PurgeCSS } from "purgecss";
import { transform } from "lightningcss";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "src/buurtpeil/core/static/buurtpeil/dist");
const nm = (p) => path.join(root, "node_modules", p);

const purged = await new PurgeCSS().purge({
  content: [
    "src/buurtpeil/**/templates/**/*.html",
    "src/buurtpeil/**/static/buurtpeil/*.js",
    "src/buurtpeil/**/*.py",
  ].map((glob) => path.join(root, glob)),
  css: [
    nm("@utrecht/component-library-css/dist/index.css"),
    nm("@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css"),
    path.join(root, "frontend/site.css"),
  ],
  variables: true,
  safelist: { standard: ["voorbeeld-theme", "html", "body"] },
  defaultExtractor: (content) => content.match(/[\w-]+/g) || [],
});

const css = purged.map((r) => r.css).join("\n");
const { code } = transform({ filename: "app.css", code: Buffer.from(css), minify: true });
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, "app.css"), code);
fs.copyFileSync(nm("htmx.org/dist/htmx.min.js"), path.join(out, "htmx.min.js"));
console.log(`app.css: ${code.length} bytes`);
