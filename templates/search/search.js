/* kumppani search page: loads this language's index (built by `kumppani build`) and lists
 * the pages that match, in the page language only. The form also works as a plain GET form:
 * ?q=… is searched on load. */
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  if (!form || !window.elasticlunr) { return; }
  var input = document.getElementById('search-query');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var loaded = null;
  function load() {
    if (!loaded) {
      loaded = fetch(form.getAttribute('data-index'))
        .then(function (r) { return r.json(); })
        .then(function (d) { return { idx: elasticlunr.Index.load(d.index), docs: d.docs }; });
    }
    return loaded;
  }
  function run(q) {
    load().then(function (s) {
      var hits = q ? s.idx.search(q, {
        fields: { title: { boost: 2 }, body: { boost: 1 } }, bool: 'OR', expand: true
      }) : [];
      list.textContent = '';
      hits.slice(0, 50).forEach(function (h) {
        var d = s.docs[h.ref];
        if (!d) { return; }
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = d.url;
        a.textContent = d.title;
        li.appendChild(a);
        if (d.description) {
          var p = document.createElement('p');
          p.textContent = d.description;
          li.appendChild(p);
        }
        list.appendChild(li);
      });
      status.textContent = hits.length
        ? form.getAttribute('data-found').replace('{count}', String(hits.length))
        : form.getAttribute('data-none');
    }).catch(function () {
      status.textContent = form.getAttribute('data-error');
    });
  }
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var q = input.value.trim();
    if (window.history && history.replaceState) {
      history.replaceState(null, '', '?q=' + encodeURIComponent(q));
    }
    run(q);
  });
  var q = new URLSearchParams(window.location.search).get('q');
  if (q) { input.value = q; run(q.trim()); }
})();
