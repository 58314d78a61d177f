// The page's shell around the app: what embedding and shared screens need from the page itself.
// Loaded by boot.js after the app has started; the app (src/host.rs) has already checked the URL
// parameters and left its decisions on <html>: data-embed, data-host, data-kiosk, data-idle.
// No dependency, no network, no enterprise data: this file only reads the page's height and the
// user's activity.

const root = document.documentElement;

// ---- Embedding: protocol `srdi-check` version 1 (docs/embedding.md) ---------------------------
//
// App → host:  { source: 'srdi-check', version: 1, type: 'ready', route, height }
//              once, first, when the app can answer (a `measure` sent earlier was not heard);
//              { source: 'srdi-check', version: 1, type: 'height', height: <whole CSS pixels> }
//              whenever the content's height changes, and in answer to `measure`;
//              { source: 'srdi-check', version: 1, type: 'route', route, height }
//              when the user moves to another page of the app (`start`, `step-1` … `step-6`,
//              `results`, `compare`, `rules`, `digital`): the host brings the frame into view.
// Host → app:  { source: 'srdi-check-host', version: 1, type: 'measure' }
//              accepted only from an origin named in the `host` URL parameter; anything else is
//              ignored. Messages never carry anything the user typed.

function embedding() {
  if (root.dataset.embed !== '1' || window.parent === window) return;
  // An invalid `host` parameter fails closed: the app says so on the page, and messages nothing.
  if (root.dataset.hostInvalid === '1') return;
  const hosts = (root.dataset.host || '').split(' ').filter(Boolean);
  let last = -1;
  const height = () => Math.ceil(document.body.getBoundingClientRect().height);
  // Without named hosts the messages (a page name and a height, nothing else) go to whoever
  // embeds the page.
  const post = (type, fields, to) => {
    const message = { source: 'srdi-check', version: 1, type, ...fields };
    for (const origin of to.length ? to : ['*']) window.parent.postMessage(message, origin);
  };
  const report = (to, force) => {
    const h = height();
    if (h === last && !force) return;
    last = h;
    post('height', { height: h }, to);
  };
  const page = () => ({ route: root.dataset.route || 'start', height: height() });
  post('ready', page(), hosts);
  new ResizeObserver(() => report(hosts, false)).observe(document.body);
  new MutationObserver(() => post('route', page(), hosts)).observe(root, {
    attributes: true,
    attributeFilter: ['data-route'],
  });
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (event.source !== window.parent || !hosts.includes(event.origin)) return;
    if (!data || data.source !== 'srdi-check-host' || data.version !== 1) return;
    if (data.type === 'measure') report([event.origin], true);
  });
  report(hosts, true);
}

// ---- Kiosk: idle countdown, then a full wipe ---------------------------------------------------

const COUNTDOWN_SECONDS = 10;

const TEXT = {
  zh: {
    title: '还在使用吗？',
    body: (n) => `无人操作。${n} 秒后将清除本页的全部内容，回到首页。`,
    keep: '继续使用',
  },
  en: {
    title: 'Still there?',
    body: (n) => `Nobody has used this screen for a while. In ${n} s everything on it will be cleared.`,
    keep: 'Continue',
  },
};

/**
 * Empties every place a browser can keep data for this site (storage, IndexedDB, caches but the
 * app's own offline files, cookies), then reloads at the start page. From file://, where every
 * local page shares one storage, only this app's own keys are removed, never another page's.
 */
async function wipe() {
  const local = location.protocol === 'file:';
  for (const store of ['localStorage', 'sessionStorage']) {
    try {
      const s = window[store];
      if (!local) s.clear();
      else for (const key of Object.keys(s)) if (key.startsWith('srdi-check/')) s.removeItem(key);
    } catch { /* storage may be disabled */ }
  }
  // Cookies (the app sets none; anything else's), expired for this path and the root.
  for (const c of document.cookie.split(';')) {
    const name = c.split('=')[0].trim();
    if (!name) continue;
    for (const path of ['/', location.pathname]) {
      document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=${path}`;
    }
  }
  if (local) {
    location.replace(`${location.pathname}${location.search}#/`);
    return;
  }
  try {
    if (indexedDB.databases) {
      for (const db of await indexedDB.databases()) if (db.name) indexedDB.deleteDatabase(db.name);
    }
  } catch { /* IndexedDB may be unavailable */ }
  try {
    // The offline cache holds the app's own files only (sw.js); any other cache is removed.
    for (const key of await caches.keys()) if (!key.startsWith('srdi-check-shell-')) await caches.delete(key);
  } catch { /* Cache Storage needs a secure context */ }
  // A reload drops all in-memory state, including any object URL still alive; back to the start
  // page in the app's own folder (`data-base`, set by boot.js), or the single file itself.
  location.replace(`${root.dataset.base || location.pathname}${location.search}`);
}

function kiosk() {
  if (root.dataset.kiosk !== '1') return;
  const idle = Number(root.dataset.idle) || 120;
  let timer = 0;
  let tick = 0;
  let dialog = null;

  const close = () => {
    clearInterval(tick);
    dialog?.remove();
    dialog = null;
  };

  const countdown = () => {
    const text = TEXT[root.lang === 'en' ? 'en' : 'zh'];
    let left = COUNTDOWN_SECONDS;
    dialog = document.createElement('div');
    dialog.className = 'idle-dialog no-print';
    dialog.setAttribute('role', 'alertdialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-labelledby', 'idle-title');
    dialog.setAttribute('aria-describedby', 'idle-body');
    const box = document.createElement('div');
    const title = document.createElement('h2');
    title.id = 'idle-title';
    title.textContent = text.title;
    const count = document.createElement('p');
    count.className = 'count';
    count.setAttribute('aria-hidden', 'true');
    const body = document.createElement('p');
    body.id = 'idle-body';
    const keep = document.createElement('button');
    keep.type = 'button';
    keep.className = 'button primary';
    keep.id = 'idle-continue';
    keep.textContent = text.keep;
    box.append(title, count, body, keep);
    dialog.append(box);
    const show = () => {
      count.textContent = String(left);
      body.textContent = text.body(left);
    };
    show();
    document.body.append(dialog);
    keep.focus();
    tick = setInterval(() => {
      left -= 1;
      if (left <= 0) {
        clearInterval(tick);
        wipe();
      } else {
        show();
      }
    }, 1000);
  };

  const restart = () => {
    if (dialog) close();
    clearTimeout(timer);
    timer = setTimeout(countdown, idle * 1000);
  };
  // Any use of the screen counts, the countdown's own button included.
  for (const type of ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input']) {
    window.addEventListener(type, restart, { capture: true, passive: true });
  }
  restart();
}

embedding();
kiosk();
