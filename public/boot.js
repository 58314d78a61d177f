// Starts the app: the WebAssembly module built by `cargo xtask build` (app.js + app_bg.wasm),
// then the page shell (embedding, kiosk), then the offline service worker.
import init from '/app.js';

await init({ module_or_path: '/app_bg.wasm' });
await import('/shell.js');

// Offline after one visit (sw.js caches the app's own files). Served pages only: a page opened
// from disk (the single-file build) needs no worker and cannot have one.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('/sw.js').catch(() => {
    // Without a worker the app still works online; nothing to tell the user.
  });
}
