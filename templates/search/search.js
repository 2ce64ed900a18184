/* kumppani search page: asks this language's chunked index (built by `kumppani build`, see
 * engine.js) for the pages that match, in the page language only, and lists them with their
 * section and an excerpt in which the matching words are marked. Every file is fetched
 * relative to the form's data-index URL (the meta.json of the page language), so the site works under any base path. The form also
 * works as a plain GET form: ?q=… is searched on load. */
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  if (!form || !window.KumppaniSearch || !window.fetch) { return; }
  var S = window.KumppaniSearch;
  var input = document.getElementById('search-query');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var lang = document.documentElement.lang;
  var base = new URL(form.getAttribute('data-index'), window.location.href).href;
  var engine = new S.Engine(base, lang, function (url) {
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error(url + ': ' + r.status); }
      return r.json();
    });
  });
  var SHOWN = 10;
  var current = 0;

  function text(node, out) {
    if (node.nodeType === 3) { out.push(node.nodeValue); return; }
    if (node.nodeType !== 1 || node.tagName === 'SCRIPT' || node.tagName === 'STYLE') { return; }
    for (var c = node.firstChild; c; c = c.nextSibling) { text(c, out); }
    out.push(' ');
  }

  /* The page's main content as text, from the page itself (what the visitor will see). */
  function pageText(url) {
    return fetch(url).then(function (r) { return r.ok ? r.text() : ''; }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var main = doc.querySelector('main') || doc.body;
      var out = [];
      if (main) { text(main, out); }
      return out.join('').replace(/\s+/g, ' ');
    });
  }

  function showExcerpt(p, pieces) {
    if (!pieces.length) { return; }
    p.textContent = '';
    pieces.forEach(function (piece) {
      if (piece.mark) {
        var m = document.createElement('mark');
        m.textContent = piece.text;
        p.appendChild(m);
      } else {
        p.appendChild(document.createTextNode(piece.text));
      }
    });
  }

  function item(words, doc) {
    var li = document.createElement('li');
    var a = document.createElement('a');
    a.href = doc[0];
    a.textContent = doc[1];
    li.appendChild(a);
    if (doc[2]) {
      var section = document.createElement('span');
      section.className = 'search-section';
      section.textContent = doc[2];
      li.appendChild(document.createTextNode(' '));
      li.appendChild(section);
    }
    var p = document.createElement('p');
    p.className = 'search-excerpt';
    showExcerpt(p, S.excerpt(lang, words, doc[3], 30));
    if (!p.firstChild) { p.textContent = doc[3]; }
    li.appendChild(p);
    pageText(new URL(doc[0], window.location.href).href).then(function (t) {
      showExcerpt(p, S.excerpt(lang, words, t, 30));
    }).catch(function () {});
    return li;
  }

  /* The section filter: a native select, shown once the index names sections; its options
   * are the sections of the current results, each with its count. */
  var filter = document.getElementById('search-filter');
  var select = document.getElementById('search-section');
  var allLabel = select && select.options.length ? select.options[0].textContent : '';
  var last = null;

  function option(value, label) {
    var o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  function fillFilter(found, sections) {
    if (!select || !filter) { return; }
    var counts = {};
    found.results.forEach(function (r) {
      var n = sections.of(r.doc);
      counts[n] = (counts[n] || 0) + 1;
    });
    var chosen = select.value;
    select.textContent = '';
    option('', allLabel + ' (' + found.results.length + ')');
    var named = 0;
    sections.list.forEach(function (s, n) {
      if (!s[1]) { return; }
      named += 1;
      if (counts[n] || s[0] === chosen) { option(s[0], s[1] + ' (' + (counts[n] || 0) + ')'); }
    });
    select.value = chosen;
    if (select.value !== chosen) { select.value = ''; }
    filter.hidden = named === 0;
  }

  /* Lists the results of the last search in the chosen section and announces their count. */
  function show(mine) {
    var found = last.found;
    var sections = last.sections;
    var chosen = select ? select.value : '';
    var n = -1;
    sections.list.forEach(function (s, i) { if (chosen && s[0] === chosen) { n = i; } });
    var results = n < 0 ? found.results : found.results.filter(function (r) {
      return sections.of(r.doc) === n;
    });
    var shown = results.slice(0, SHOWN);
    return Promise.all(shown.map(function (r) { return engine.doc(r.doc); })).then(function (docs) {
      if (mine !== current) { return; }
      list.textContent = '';
      docs.forEach(function (d) { if (d) { list.appendChild(item(found.words, d)); } });
      var count = String(results.length);
      if (!found.results.length) {
        status.textContent = form.getAttribute('data-none');
      } else if (n >= 0) {
        status.textContent = form.getAttribute('data-found-in')
          .replace('{count}', count).replace('{section}', sections.list[n][1]);
      } else {
        status.textContent = form.getAttribute('data-found').replace('{count}', count);
      }
    });
  }

  function remember(q) {
    if (!window.history || !history.replaceState) { return; }
    var query = '?q=' + encodeURIComponent(q);
    if (select && select.value) { query += '&section=' + encodeURIComponent(select.value); }
    history.replaceState(null, '', query);
  }

  function run(q) {
    var mine = ++current;
    Promise.all([engine.search(q), engine.sections()]).then(function (both) {
      if (mine !== current) { return; }
      last = { found: both[0], sections: both[1] };
      fillFilter(last.found, last.sections);
      return show(mine);
    }).catch(function () {
      if (mine === current) { status.textContent = form.getAttribute('data-error'); }
    });
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var q = input.value.trim();
    remember(q);
    run(q);
  });
  if (select) {
    select.addEventListener('change', function () {
      remember(input.value.trim());
      if (last) {
        var mine = ++current;
        show(mine).catch(function () {
          if (mine === current) { status.textContent = form.getAttribute('data-error'); }
        });
      }
    });
  }
  var params = new URLSearchParams(window.location.search);
  var q = params.get('q');
  if (select && params.get('section')) {
    option(params.get('section'), params.get('section'));
    select.value = params.get('section');
  }
  if (q) { input.value = q; run(q.trim()); }
})();
