// SRDI Check loader for host pages (industry associations, portals). Paste one line:
//
//   <script src="https://YOUR-SRDI-CHECK-HOST/embed.js" data-lang="zh-CN" data-province="四川" async></script>
//
// It puts an iframe with the app where the script tag is, and sets the iframe's height from the
// app's `height` messages so the app never scrolls inside the page. Options are the script tag's
// data-* attributes: lang, province, rules, tiers, accent, radius, scale, kiosk, idle (see
// docs/embedding.md). Protocol `srdi-check` version 1; no enterprise data ever crosses it.
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
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.source !== frame.contentWindow || event.origin !== app.origin) return;
    if (!data || data.source !== 'srdi-check' || data.version !== 1 || data.type !== 'height') return;
    var height = data.height;
    if (typeof height === 'number' && height > 0 && height < 100000 && Math.floor(height) === height) {
      frame.style.height = height + 'px';
    }
  });
  script.parentNode.insertBefore(frame, script.nextSibling);
})();
