// Browser (and default) entry: ready to call once imported. The .wasm is fetched next to this file
// (a bundler sees the `new URL(..., import.meta.url)` pattern and copies it) and instantiated with
// top-level await, so `validate` and `fingerprint` work right after the import.
import initGlue from "./cert_preflight.js";

// Every export of the wasm-bindgen glue (validate, fingerprint, and whatever the binding adds);
// the local `initSync` below takes precedence over the glue's own.
export * from "./cert_preflight.js";

const ready = initGlue({ module_or_path: new URL("./cert_preflight_bg.wasm", import.meta.url) }).then(
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
