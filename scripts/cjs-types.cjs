// Types of the CommonJS entry: the glue's declarations (up to wasm-bindgen's init section) and the
// entry's own ready/init/initSync. Usage: node scripts/cjs-types.js <pkg dir>
const fs = require("node:fs");
const path = require("node:path");
const dir = process.argv[2];
const glue = fs.readFileSync(path.join(dir, "cert_preflight.d.ts"), "utf8");
const cut = glue.indexOf("export type InitInput");
if (cut < 0) throw new Error("cert_preflight.d.ts: no init section");
fs.writeFileSync(
  path.join(dir, "index.d.cts"),
  '/// <reference path="./disposable.d.ts" />\n' +
    "// Types of the CommonJS entry (node.cjs): the glue's declarations and a no-op init.\n" +
    glue.slice(0, cut) +
    "/** Resolved: the module is ready on require. */\nexport declare const ready: Promise<void>;\n" +
    "/** Already done on require; resolves at once. */\nexport declare function init(options?: unknown): Promise<void>;\n" +
    "/** Already done on require; a no-op. */\nexport declare function initSync(options?: unknown): void;\n",
);
