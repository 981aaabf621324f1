// What the npm README's "Bundlers" section tells Vite users to add.
export default {
  // The dev server pre-bundles dependencies into .vite/deps, away from their .wasm: leave this one be.
  optimizeDeps: { exclude: ["cert-preflight"] },
  // Workers that import ES modules (the worker entry) are built as ES modules.
  worker: { format: "es" },
  logLevel: "warn",
};
