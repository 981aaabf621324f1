// Entry for Web Workers (and any code that must not wait at import): no top-level await, so a
// worker's `onmessage` is set as soon as the module is evaluated and no message posted right after
// `new Worker(...)` is lost. The .wasm starts loading on import; `await ready` before the first call:
//
//   import { ready, validate } from "cert-preflight/worker";
//   self.onmessage = async (event) => {
//     await ready;
//     self.postMessage(validate(event.data));
//   };
//
// A call before `ready` has resolved throws an Error with `.code === "NotReady"` (never a TypeError
// from inside the glue).
import initGlue, * as glue from "./cert_preflight.js";

let state = "loading";

/** Resolves when the module is ready to call; rejects if the .wasm could not be loaded. */
export const ready = initGlue({ module_or_path: new URL("./cert_preflight_bg.wasm", import.meta.url) }).then(() => {
  state = "ready";
});
// A failed load is reported through `ready` (and by every call), not as an unhandled rejection.
ready.catch(() => {
  state = "failed";
});

function check() {
  if (state !== "ready") {
    const error = new Error(
      state === "loading"
        ? "cert-preflight is still loading its WebAssembly module: await `ready` first"
        : "cert-preflight could not load its WebAssembly module (see the rejection of `ready`)",
    );
    error.code = "NotReady";
    throw error;
  }
}

export function validate(input) {
  check();
  return glue.validate(input);
}
export function fingerprint(pem, algorithm, format) {
  check();
  return glue.fingerprint(pem, algorithm, format);
}
export function buildRequest(provider, params, options) {
  check();
  return glue.buildRequest(provider, params, options);
}
export function signRequest(request, credentials, options) {
  check();
  return glue.signRequest(request, credentials, options);
}
export function computeSignature(input) {
  check();
  return glue.computeSignature(input);
}
export function regions(provider) {
  check();
  return glue.regions(provider);
}

/** The same promise as `ready`. */
export function init() {
  return ready;
}

/** Does nothing once `ready` has resolved; before that, throws `NotReady` (use `await ready`). */
export function initSync() {
  check();
}

export default init;
