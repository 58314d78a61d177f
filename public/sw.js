// Service worker: the app works offline after one visit. Hand-written; no library.
//
// The build (`cargo xtask build`) replaces BUILD_VERSION below with a hash of the files listed in
// SHELL, so any change to them makes a new worker: it caches the new files under a new name,
// takes over, and deletes the old caches. Only the app's own files are cached, never anything a
// user typed (the app sends nothing, so there is nothing to cache), and this worker never makes a
// request to another origin.
const VERSION = 'BUILD_VERSION';
const CACHE = `srdi-check-shell-${VERSION}`;
// Paths relative to this worker's folder: the app may live in any folder of a site.
const SHELL = [
  './',
  'index.html',
  'boot.js',
  'shell.js',
  'app.js',
  'app_bg.wasm',
  'style.css',
  'manifest.webmanifest',
  'icons/icon.svg',
  'icons/icon-192.png',
  'icons/icon-512.png',
];
const here = (path) => new URL(path, self.location.href).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((path) => new Request(here(path), { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // Every page of the app is index.html (the router reads the path): deep links work offline.
  const key = request.mode === 'navigate' ? here('index.html') : url.href.split('#')[0].split('?')[0];
  // `caches.match` with a cache name never creates that cache: a worker about to be replaced
  // cannot bring back the cache its successor just deleted.
  event.respondWith(caches.match(key, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
});
