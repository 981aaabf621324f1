// A global declaration the package's types refer to (`/// <reference path>`): wasm-bindgen declares
// `[Symbol.dispose](): void` on the TrustAnchors class (so `using roots = trustAnchors(pem)` frees it),
// and `Symbol.dispose` is only in TypeScript's lib from `esnext.disposable` (TS 5.2) on, or in
// @types/node. This is the declaration both of those make, so a project whose `lib` is ES2022 or
// older, without @types/node and with skipLibCheck off, type-checks too.
interface SymbolConstructor {
  readonly dispose: unique symbol;
}
