// Loads the WebAssembly app built by `cargo xtask build` (app.js + app_bg.wasm, both in dist/).
import init from '/app.js';

await init({ module_or_path: '/app_bg.wasm' });
