/// <reference path="./disposable.d.ts" />
// Types of "cert-preflight/manual": wasm-bindgen's glue as generated — its init()/initSync() load
// the .wasm when you choose — and the Symbol.dispose declaration its TrustAnchors class needs.
export * from "./cert_preflight.js";
export { default } from "./cert_preflight.js";
