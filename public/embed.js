// SRDI Check loader for host pages (industry associations, portals). Paste one line:
//
//   <script src="https://YOUR-SRDI-CHECK-HOST/embed.js" data-lang="zh-CN" data-province="四川" async></script>
//
// It puts an iframe with the app where the script tag is, sets the iframe's height from the app's
// messages so the app never scrolls inside the page, and, when the user moves to another page of
// the app, scrolls the frame's top into view if it is out of sight (data-scroll="off" turns that
// off). Options are the script tag's data-* attributes: lang, province, rules, tiers, accent,
// radius, scale, kiosk, idle, and title, scroll (see docs/embedding.md). Protocol `srdi-check`
// version 1; no enterprise data ever crosses it.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var app = new URL('./', script.src);
  var params = new URLSearchParams();
  params.set('embed', '1');
  params.set('host', location.origin);
  var names = ['lang', 'province', 'rules', 'tiers', 'accent', 'radius', 'scale', 'kiosk', 'idle'];
  for (var i = 0; i < names.length; i++) {
    var value = script.getAttribute('data-' + names[i]);
    if (value !== null) params.set(names[i], value);
  }
  var frame = document.createElement('iframe');
  frame.src = app.href + '?' + params.toString();
  frame.title = script.getAttribute('data-title') || '专精特新自测 SRDI Check';
  frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-downloads allow-modals');
  frame.setAttribute('referrerpolicy', 'no-referrer');
  frame.setAttribute('allow', '');
  frame.style.width = '100%';
  frame.style.minWidth = '320px';
  frame.style.border = '0';
  frame.style.display = 'block';
  frame.style.height = '600px';
  var scroll = script.getAttribute('data-scroll') !== 'off';
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.source !== frame.contentWindow || event.origin !== app.origin) return;
    if (!data || data.source !== 'srdi-check' || data.version !== 1) return;
    if (data.type !== 'height' && data.type !== 'ready' && data.type !== 'route') return;
    var height = data.height;
    if (typeof height === 'number' && height > 0 && height < 100000 && Math.floor(height) === height) {
      frame.style.height = height + 'px';
    }
    // A new page of the app starts at its top: show it, unless the host page handles it.
    if (data.type === 'route' && scroll) {
      var top = frame.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight) frame.scrollIntoView({ block: 'start' });
    }
  });
  script.parentNode.insertBefore(frame, script.nextSibling);
})();
