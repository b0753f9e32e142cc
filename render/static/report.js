/* argmap report: details on click, filters, and every diagram full size with zoom and pan
   (svg-pan-zoom, shipped beside this file). No network, no globals but window.argmapZoom. */
(function () {
  'use strict';
  var dataEl = document.getElementById('diagram-data');
  var data = dataEl ? JSON.parse(dataEl.textContent) : {};
  var panel = document.getElementById('details');

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function show(key) {
    var d = data[key];
    if (!d || !panel) return;
    document.querySelectorAll('svg .selected').forEach(function (g) { g.classList.remove('selected'); });
    document.querySelectorAll('svg g[data-key]').forEach(function (g) {
      if (g.getAttribute('data-key') === key) g.classList.add('selected');
    });
    panel.innerHTML = '';
    panel.appendChild(el('h3', d.title));
    if (d.meta) panel.appendChild(el('p', d.meta, 'small'));
    if (d.text) panel.appendChild(el('p', d.text));
    (d.groups || []).forEach(function (grp) {
      if (grp.h) panel.appendChild(el('h4', grp.h));
      var ul = el('ul');
      (grp.items || []).forEach(function (t) { ul.appendChild(el('li', t)); });
      (grp.quotes || []).forEach(function (q) {
        var li = el('li');
        li.appendChild(el('span', '\u201c' + q.quote + '\u201d', 'quote'));
        li.appendChild(document.createTextNode(' '));
        li.appendChild(el('span', '(' + q.where + ')', 'where'));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    });
    if (!document.body.classList.contains('viewing')) panel.focus({preventScroll: true});
  }

  function bind(root) {
    root.querySelectorAll('g.node[data-key], g.edge[data-key]').forEach(function (g) {
      var key = g.getAttribute('data-key');
      var d = data[key];
      if (!d) return;
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      g.setAttribute('aria-label', d.title + ': show its details');
      g.addEventListener('click', function () { show(key); });
      g.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); show(key); }
      });
    });
  }
  document.querySelectorAll('figure.diagram svg').forEach(bind);
  document.querySelectorAll('button.claim').forEach(function (b) {
    b.addEventListener('click', function () { show(b.getAttribute('data-key')); });
  });

  /* Filters: a select fades the diagram's boxes (and arrows between faded boxes) that do not
     match, or hides a table's rows. */
  var filters = {};
  function applyFilters(root) {
    var nodes = root.querySelectorAll('g.node[data-key]');
    var faded = {};
    nodes.forEach(function (g) {
      var key = g.getAttribute('data-key'), d = data[key], out = false;
      Object.keys(filters).forEach(function (attr) {
        var want = filters[attr];
        if (want && d && d.tags && d.tags[attr] !== undefined && d.tags[attr] !== want) out = true;
      });
      faded[key] = out;
      g.classList.toggle('faded', out);
    });
    root.querySelectorAll('g.edge[data-key]').forEach(function (g) {
      var d = data[g.getAttribute('data-key')];
      var ends = d && d.ends;
      var out = Object.keys(filters).some(function (a) { return filters[a]; }) &&
        (!ends || (faded[ends[0]] !== false && faded[ends[1]] !== false));
      g.classList.toggle('faded', out);
    });
  }
  document.querySelectorAll('select[data-filter]').forEach(function (sel) {
    sel.addEventListener('change', function () {
      var attr = sel.getAttribute('data-filter');
      if (sel.hasAttribute('data-table')) {
        var table = document.getElementById(sel.getAttribute('data-table'));
        table.querySelectorAll('tbody tr[data-' + attr + ']').forEach(function (tr) {
          tr.hidden = !!sel.value && tr.getAttribute('data-' + attr) !== sel.value;
        });
        return;
      }
      filters[attr] = sel.value;
      document.querySelectorAll('figure.diagram svg, #viewer svg').forEach(applyFilters);
    });
  });
  document.querySelectorAll('input[data-author-toggle]').forEach(function (box) {
    box.addEventListener('change', function () {
      var id = box.getAttribute('data-author-toggle');
      document.querySelectorAll('[data-author]').forEach(function (cell) {
        if (cell.getAttribute('data-author') === id) cell.hidden = !box.checked;
      });
    });
  });

  /* The full-size viewer: a copy of the diagram fills the window, svg-pan-zoom drives it. */
  var viewer = document.getElementById('viewer');
  if (!viewer) return;
  var stage = viewer.querySelector('.stage'), body = viewer.querySelector('.body');
  var opener = null, home = null;
  function open(fig) {
    var svg = fig.querySelector('.stage svg');
    if (!svg) return;
    var copy = svg.cloneNode(true);
    copy.querySelectorAll('[id]').forEach(function (n) { n.removeAttribute('id'); });
    copy.removeAttribute('width');
    copy.removeAttribute('height');
    copy.setAttribute('width', '100%');
    copy.setAttribute('height', '100%');
    stage.innerHTML = '';
    stage.appendChild(copy);
    bind(copy);
    applyFilters(copy);
    if (panel) {
      home = document.createComment('details');
      panel.parentNode.insertBefore(home, panel);
      body.appendChild(panel);
    }
    viewer.querySelector('.title').textContent = fig.getAttribute('data-title') || '';
    viewer.classList.add('open');
    document.body.classList.add('viewing');
    window.argmapZoom = svgPanZoom(copy, {
      zoomEnabled: true, panEnabled: true, controlIconsEnabled: false, dblClickZoomEnabled: true,
      mouseWheelZoomEnabled: true, fit: true, center: true, minZoom: 0.2, maxZoom: 40, zoomScaleSensitivity: 0.3
    });
    viewer.querySelector('[data-zoom="close"]').focus();
  }
  function close() {
    if (!viewer.classList.contains('open')) return;
    if (window.argmapZoom) { window.argmapZoom.destroy(); window.argmapZoom = null; }
    stage.innerHTML = '';
    if (home) { home.parentNode.insertBefore(panel, home); home.parentNode.removeChild(home); home = null; }
    viewer.classList.remove('open');
    document.body.classList.remove('viewing');
    if (opener) opener.focus();
  }
  document.querySelectorAll('button[data-open]').forEach(function (b) {
    b.addEventListener('click', function () { opener = b; open(document.getElementById(b.getAttribute('data-open'))); });
  });
  viewer.querySelectorAll('button[data-zoom]').forEach(function (b) {
    b.addEventListener('click', function () {
      var z = window.argmapZoom, what = b.getAttribute('data-zoom');
      if (what === 'close') return close();
      if (!z) return;
      if (what === 'in') z.zoomIn();
      else if (what === 'out') z.zoomOut();
      else { z.resize(); z.fit(); z.center(); }
    });
  });
  window.addEventListener('resize', function () { if (window.argmapZoom) window.argmapZoom.resize(); });
  document.addEventListener('keydown', function (e) {
    if (!viewer.classList.contains('open')) return;
    if (e.key === 'Escape') close();
    else if ((e.key === '+' || e.key === '=') && window.argmapZoom) window.argmapZoom.zoomIn();
    else if (e.key === '-' && window.argmapZoom) window.argmapZoom.zoomOut();
  });
})();
