/// <reference path="./disposable.d.ts" />
// Types of the Web Worker entry ("cert-preflight/worker"): the same functions and types as the main
// entry, plus `ready`. No top-level await: `await ready` before the first call (a call before it
// throws an Error with `.code === "NotReady"`).
export * from "./cert_preflight.js";

/** Resolves when the module is ready to call; rejects if the .wasm could not be loaded. */
export declare const ready: Promise<void>;
/** The same promise as `ready`. Any argument is ignored. */
export declare function init(options?: unknown): Promise<void>;
/** Does nothing once `ready` has resolved; before that, throws `NotReady`. Any argument is ignored. */
export declare function initSync(options?: unknown): void;
export default init;
