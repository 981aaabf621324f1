"use strict";
// CommonJS entry: `require("cert-preflight")` on every Node the package supports (require() of ES
// modules only exists from Node 20.19 / 22.12). The wasm-bindgen glue as CommonJS
// (cert_preflight.cjs, converted from cert_preflight.js when the package is built), with the .wasm
// next to this file instantiated synchronously: ready to call once required.
const { readFileSync } = require("node:fs");
const path = require("node:path");
const glue = require("./cert_preflight.cjs");

glue.initSync({ module: readFileSync(path.join(__dirname, "cert_preflight_bg.wasm")) });

/** Already done on require: resolves at once, never instantiates a second time. */
async function init() {}

module.exports = {
  TrustAnchors: glue.TrustAnchors,
  buildRequest: glue.buildRequest,
  completeChain: glue.completeChain,
  computeSignature: glue.computeSignature,
  fingerprint: glue.fingerprint,
  regions: glue.regions,
  signRequest: glue.signRequest,
  trustAnchors: glue.trustAnchors,
  validate: glue.validate,
  /** Resolved: the module is ready on require. */
  ready: Promise.resolve(),
  init,
  /** Already done on require: a no-op. */
  initSync() {},
  default: init,
};
