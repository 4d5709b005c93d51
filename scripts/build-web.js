// Bundles the web workspace (web/) into dist/web with esbuild: one script and one stylesheet per
// page set, minified, with every dependency inside, so the pages work offline and fetch nothing
// from elsewhere. ensure-built.js runs it when a web source is newer than the bundle; `npm run
// build` runs it always. Plain JavaScript: it runs before anything is compiled.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Builds dist/web; returns null when esbuild is not installed (a production install). */
export async function buildWeb({ root = ROOT } = {}) {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    return null;
  }
  const out = join(root, "dist", "web");
  mkdirSync(join(out, "assets"), { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { app: join(root, "web", "src", "main.tsx") },
    outdir: join(out, "assets"),
    bundle: true,
    format: "esm",
    // The chat (the AI SDK client and its schemas, most of the bytes) loads in its own chunk.
    splitting: true,
    chunkNames: "chunk-[hash]",
    minify: true,
    sourcemap: false,
    target: ["chrome110", "firefox115", "safari16"],
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    metafile: true,
    logLevel: "warning",
  });
  copyFileSync(join(root, "web", "index.html"), join(out, "index.html"));
  await buildAppViews(esbuild, root, out);
  return result;
}

/** The MCP App views: one self-contained HTML file each (script and styles inline), as hosts load
 *  a ui:// resource into a sandboxed frame that may fetch nothing. */
async function buildAppViews(esbuild, root, out) {
  const dir = join(root, "web", "src", "mcp-app");
  const template = readFileSync(join(dir, "template.html"), "utf8");
  const ownCss = readFileSync(join(dir, "view.css"), "utf8");
  mkdirSync(join(out, "mcp-apps"), { recursive: true });
  for (const [entry, file] of [
    ["kr-view.ts", "key-result.html"],
    ["overview-view.ts", "overview.html"],
  ]) {
    const r = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [join(dir, entry)],
      outdir: join(out, "mcp-apps", "tmp"),
      bundle: true,
      write: false,
      format: "iife",
      minify: true,
      target: ["chrome110", "firefox115", "safari16"],
      define: { "process.env.NODE_ENV": '"production"' },
      logLevel: "warning",
    });
    const js = r.outputFiles
      .filter((f) => f.path.endsWith(".js"))
      .map((f) => f.text)
      .join("\n");
    const css =
      r.outputFiles
        .filter((f) => f.path.endsWith(".css"))
        .map((f) => f.text)
        .join("\n") + ownCss;
    if (/<\/script/i.test(js) || /<\/style/i.test(css)) throw new Error(`${entry}: the bundle contains a closing tag and cannot be inlined.`);
    // Functions as replacements: "$&" and friends in the bundle stay as they are.
    const html = template.replace("/*STYLES*/", () => css).replace("/*SCRIPT*/", () => js);
    writeFileSync(join(out, "mcp-apps", file), html);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await buildWeb();
  if (!r) {
    console.error("build-web: esbuild is not installed; run npm install.");
    process.exit(1);
  }
  const sizes = Object.entries(r.metafile.outputs).map(([f, o]) => `${f.replace(/^.*dist\//, "dist/")} ${(o.bytes / 1024).toFixed(0)} KB`);
  console.error(`build-web: ${sizes.join(", ")}`);
}
