// Rollup with what the npm README's "Bundlers" section tells Rollup users to add: node-resolve (to
// find the package at all) and import-meta-assets (to emit the .wasm the package references with
// `new URL("./cert_preflight_bg.wasm", import.meta.url)`; limited to the package, so that the
// app's own `new URL("./worker.js", import.meta.url)` stays an input of its own, not a raw copy).
import { nodeResolve } from "@rollup/plugin-node-resolve";
import { importMetaAssets } from "@web/rollup-plugin-import-meta-assets";

export default {
  input: { main: "main.js", worker: "worker.js" },
  output: { dir: "dist", format: "es", entryFileNames: "[name].js" },
  plugins: [nodeResolve({ browser: true }), importMetaAssets({ include: "**/node_modules/cert-preflight/**" })],
};
