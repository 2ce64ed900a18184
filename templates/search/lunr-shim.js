/* kumppani: lets lunr-languages (written for lunr) register its Snowball stemmers on
 * elasticlunr, which has the same Pipeline API, and registers the folds the index was built
 * with. Keep fold-fi and fold-sv in step with `fold` in src/render/search.rs. */
(function () {
  'use strict';
  var e = window.elasticlunr;
  window.lunr = e;
  if (!e.generateStopWordFilter) {
    e.generateStopWordFilter = function (words) {
      var stop = {};
      words.forEach(function (w) { stop[w] = true; });
      return function (token) { return stop[token] ? undefined : token; };
    };
  }
  e.Pipeline.registerFunction(function (t) {
    return t.replace(/ng/g, 'nk').replace(/kk/g, 'k').replace(/pp/g, 'p').replace(/tt/g, 't')
      .replace(/nn/g, 'nt').replace(/mm/g, 'mp').replace(/d/g, 't');
  }, 'fold-fi');
  e.Pipeline.registerFunction(function (t) {
    return t.replace(/ä/g, 'a').replace(/ö/g, 'o');
  }, 'fold-sv');
})();
