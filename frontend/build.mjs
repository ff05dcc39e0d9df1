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
  safelist: { standard: ["voorbeeld-theme", "html", "body"], greedy: [/vg-tooltip-element/] },
  defaultExtractor: (content) => content.match(/[\w-]+/g) || [],
});

const css = purged.map((r) => r.css).join("\n");
const { code } = transform({ filename: "app.css", code: Buffer.from(css), minify: true });
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, "app.css"), code);
// Scripts are shipped without their source maps: the comment pointing at one is dropped, or
// collectstatic's manifest refuses the missing file.
const withoutSourceMap = (text) => text.replace(/^\/\/# sourceMappingURL=.*$/gm, "");
const ship = (file) =>
  fs.writeFileSync(path.join(out, path.basename(file)), withoutSourceMap(fs.readFileSync(nm(file), "utf8")));
ship("htmx.org/dist/htmx.min.js");
console.log(`app.css: ${code.length} bytes`);

// Charts: Vega, Vega-Lite and vega-embed as shipped, and Vega's expression interpreter (so
// that charts run under a Content-Security-Policy without 'unsafe-eval'), turned from an ES
// module into a script that reads its helpers from the global `vega`.
for (const file of ["vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js", "vega-embed/build/vega-embed.min.js"]) {
  ship(file);
}
const interpreter = fs
  .readFileSync(nm("vega-interpreter/build/vega-interpreter.js"), "utf8")
  .replace(/^import \{([^}]*)\} from 'vega-util';$/m, "const {$1} = vega;")
  .replace(/^export \{ expression as expressionInterpreter \};$/m, "vega.expressionInterpreter = expression;");
if (interpreter.includes("import ") || !interpreter.includes("vega.expressionInterpreter")) {
  throw new Error("vega-interpreter changed its module layout; adapt frontend/build.mjs");
}
fs.writeFileSync(path.join(out, "vega-interpreter.js"), `(function () {\n${withoutSourceMap(interpreter)}\n})();\n`);
