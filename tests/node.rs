//! The wasm-bindgen-test cases of `tests/wasm_cases/` in Node:
//! `wasm-pack test --node` (`make test-node`).
#![cfg(target_arch = "wasm32")]
// Test programs: the panic-family and no_std lints guard the library, not its tests.
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc
)]

mod common;
mod wasm_cases;
