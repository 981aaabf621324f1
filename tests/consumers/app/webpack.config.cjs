// webpack 5 needs nothing for the package: it follows `new URL(..., import.meta.url)` to the .wasm
// and to the worker, and runs the top-level await. Only this app's entry and output are set.
const path = require("node:path");

module.exports = {
  mode: "production",
  entry: "./main.js",
  output: { path: path.resolve(__dirname, "dist"), filename: "main.js", clean: true },
  performance: { hints: false },
};
