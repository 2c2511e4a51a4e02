// Builds the static assets Django serves from build/static (settings.STATICFILES_DIRS):
// the compiled stylesheet, GOV.UK and MoJ Frontend's fonts, images and JavaScript, and our own start-up script.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "static");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const moj = join(root, "node_modules", "@ministryofjustice", "frontend", "moj");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "resettle"), { recursive: true });

const css = sass.compile(join(root, "frontend", "scss", "application.scss"), {
  // The MoJ Sass loads GOV.UK Frontend as "node_modules/govuk-frontend/...", so the project root is a load path.
  loadPaths: [root],
  style: "compressed",
  quietDeps: true,
});
writeFileSync(join(out, "resettle", "application.css"), css.css);

// The stylesheet points at /static/fonts/ and /static/images/ ($moj-assets-path in application.scss).
cpSync(join(govuk, "assets", "fonts"), join(out, "fonts"), { recursive: true });
cpSync(join(govuk, "assets", "images"), join(out, "images"), { recursive: true });
cpSync(join(moj, "assets", "images"), join(out, "images"), { recursive: true });
// MoJ Frontend ships the header crest as an SVG with no fill (its header template inlines 74 kB of paths
// and fills them white); a white copy lets the header use a cached <img> instead.
const crest = readFileSync(join(moj, "assets", "images", "moj-logotype-crest-2024.svg"), "utf8");
writeFileSync(join(out, "images", "moj-logotype-crest-white.svg"), crest.replace('fill="none"', 'fill="#ffffff"'));

// The source maps go too: the production static storage rewrites each bundle's sourceMappingURL and
// fails if the map is missing.
for (const [dir, bundle] of [
  [govuk, "govuk-frontend.min.js"],
  [moj, "moj-frontend.min.js"],
]) {
  for (const name of [bundle, `${bundle}.map`]) {
    cpSync(join(dir, name), join(out, "js", name));
  }
}
cpSync(join(root, "frontend", "js", "application.js"), join(out, "resettle", "application.js"));

console.log(`Built ${out}`);
