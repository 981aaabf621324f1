// Cloudflare Workers / workerd entry. workerd refuses to compile wasm from bytes at run time, so the
// .wasm is imported as a module (the runtime, or wrangler's bundler, hands over a compiled
// WebAssembly.Module) and instantiated synchronously at start-up.
import wasmModule from "./cert_preflight_bg.wasm";
import { initSync as initGlue } from "./cert_preflight.js";

// Every export of the wasm-bindgen glue (validate, fingerprint, and whatever the binding adds);
// the local `init`/`initSync` below take precedence over the glue's own.
export * from "./cert_preflight.js";

initGlue({ module: wasmModule });

/** Resolved: the module is ready on import (the same name as the worker entry's `ready`). */
export const ready = Promise.resolve();

/** Already done on import: resolves at once, never instantiates a second time. */
export async function init() {}

/** Already done on import: a no-op, never instantiates a second time. */
export function initSync() {}

export default init;
