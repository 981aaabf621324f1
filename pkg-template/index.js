// Browser (and default) entry: ready to call once imported. The .wasm is fetched next to this file
// and instantiated with top-level await, so `validate` and `fingerprint` work right after the
// import. Vite and webpack follow the `new URL(..., import.meta.url)` below and emit the .wasm;
// esbuild and Rollup need one line each (README, "Bundlers"). In a Web Worker use
// "cert-preflight/worker" (no top-level await, so no message is lost while the .wasm loads).
import initGlue from "./cert_preflight.js";

// Every export of the wasm-bindgen glue (validate, fingerprint, and whatever the binding adds);
// the local `initSync` below takes precedence over the glue's own.
export * from "./cert_preflight.js";

/**
 * Resolved: the module is ready on import (top-level await). Exported so that code written for the
 * Web Worker entry ("cert-preflight/worker": `await ready` before the first call) runs unchanged.
 */
export const ready = initGlue({ module_or_path: new URL("./cert_preflight_bg.wasm", import.meta.url) }).then(
  () => undefined,
);
await ready;

/** Already done on import: resolves at once, never instantiates a second time. */
export function init() {
  return ready;
}

/** Already done on import: a no-op, never instantiates a second time. */
export function initSync() {}

export default init;
