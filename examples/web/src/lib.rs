//! The cstar SDK in a web page, no framework: a help-centre search box over
//! [`LibraryClient`](cstar::library::LibraryClient) and a chat panel over
//! [`ChatClient`](cstar::chat::ChatClient), compiled to `wasm32-unknown-unknown` and bound with
//! wasm-bindgen. `cargo xtask web` builds it, starts the emulator and prints the page's URL.
//!
//! The page reads `?api=<emulator URL>&team=<team slug>`, optionally `key=<publishable key>`
//! and `q=<query>` (to search at once).
//! When the first results are on screen it records the milliseconds since the page started
//! loading in `<body data-first-result-ms>`, which the browser tests turn into a figure.

#![cfg(target_arch = "wasm32")]

mod page;

use wasm_bindgen::prelude::wasm_bindgen;

/// The page's entry point, run by wasm-bindgen when the module loads.
#[wasm_bindgen(start)]
pub fn start() {
    if let Err(problem) = page::mount() {
        page::show_status(&format!("could not start: {problem}"));
    }
}
