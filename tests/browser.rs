//! The wasm-bindgen-test cases of `tests/wasm_cases/` in headless Chromium:
//! `wasm-pack test --headless --chrome` (every wasm test; `make test-browser` runs this one).
//! `webdriver.json` at the crate root keeps Chromium off the network.
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

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod common;
mod wasm_cases;
