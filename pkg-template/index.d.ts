/// <reference path="./disposable.d.ts" />
// Types of the auto-initialising entries (browser/default, node, workerd): every typed export of the
// wasm-bindgen glue — validate(input: ValidateInput): Report, fingerprint(...), the Report, Finding,
// CertInfo, KeyInfo, … interfaces — plus an init()/initSync() that are no-ops (the module is ready on
// import). For loading control use "cert-preflight/manual", whose init/initSync are wasm-bindgen's.
export * from "./cert_preflight.js";

/** Resolved: the module is initialised on import (the worker entry's `ready` resolves later). */
export declare const ready: Promise<void>;
/** The module is initialised on import; this resolves at once. Any argument is ignored. */
export declare function init(options?: unknown): Promise<void>;
/** The module is initialised on import; this does nothing. Any argument is ignored. */
export declare function initSync(options?: unknown): void;
export default init;
