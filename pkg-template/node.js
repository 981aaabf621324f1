// Node entry: reads the .wasm next to this file and instantiates it synchronously, so
// `import { validate } from "cert-preflight"` (or `require`) is ready to call.
import { readFileSync } from "node:fs";
import { initSync as initGlue } from "./cert_preflight.js";

// Every export of the wasm-bindgen glue (validate, fingerprint, and whatever the binding adds);
// the local `init`/`initSync` below take precedence over the glue's own.
export * from "./cert_preflight.js";

initGlue({ module: readFileSync(new URL("./cert_preflight_bg.wasm", import.meta.url)) });

/** Resolved: the module is ready on import (the same name as the worker entry's `ready`). */
export const ready = Promise.resolve();

/** Already done on import: resolves at once, never instantiates a second time. */
export async function init() {}

/** Already done on import: a no-op, never instantiates a second time. */
export function initSync() {}

export default init;
