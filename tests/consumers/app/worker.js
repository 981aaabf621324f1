// The documented worker pattern: the worker entry has no top-level await, so this handler exists
// before any message arrives; `await ready` inside it waits for the .wasm.
import { ready, validate } from "cert-preflight/worker";

self.onmessage = async (event) => {
  await ready;
  self.postMessage(validate(event.data).errors.map((f) => f.code));
};
