// Starts the app: the WebAssembly module built by `cargo xtask build` (app.js + app_bg.wasm),
// then the page shell (embedding, kiosk), then the offline service worker.
//
// Every file is found next to this one, so the app works from any folder of a site (`/`,
// `/srdi/`, …): the folder is left on <html> as `data-base` for the router and the shell.
import init from './app.js';

const base = new URL('./', import.meta.url);
document.documentElement.dataset.base = base.pathname;

await init({ module_or_path: new URL('app_bg.wasm', base) });
await import('./shell.js');

// Offline after one visit (sw.js caches the app's own files, in its folder). Served pages only:
// a page opened from disk (the single-file build) needs no worker and cannot have one.
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register(new URL('sw.js', base), { scope: base.pathname }).catch(() => {
    // Without a worker the app still works online; nothing to tell the user.
  });
}
