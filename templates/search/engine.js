/* kumppani search engine: the query side of src/render/search/. The normaliser (words, fold,
 * stems, terms, chunkOf) is the same as src/render/search/normalise.rs, step for step:
 * tests/search_normalise.rs compares the two over every word of the portal and of a generated
 * corpus. Runs in the browser (window.KumppaniSearch) and in node (module.exports). */
(function (root) {
  'use strict';
  var FOLDS = {
    'à': 'a', 'á': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a', 'æ': 'ae', 'ç': 'c', 'č': 'c',
    'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e', 'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ñ': 'n',
    'ò': 'o', 'ó': 'o', 'ô': 'o', 'õ': 'o', 'ö': 'o', 'ø': 'o', 'š': 's', 'ß': 'ss', 'ù': 'u',
    'ú': 'u', 'û': 'u', 'ü': 'u', 'ý': 'y', 'ÿ': 'y', 'ž': 'z'
  };
  var FI_ENDINGS = ['ssaan', 'staan', 'llaan', 'ltaan', 'lleen', 'kseen', 'itten', 'iden', 'seen', 'ihin', 'ssa', 'sta', 'lla', 'lta', 'lle', 'ksi',
    'tta', 'ien', 'jen', 'ten', 'ine', 'hin', 'na', 'ta', 'n', 't', 'a'];
  var SV_ENDINGS = ['heterna', 'heten', 'heter', 'arnas', 'ernas', 'ornas', 'andet', 'andes',
    'arna', 'erna', 'orna', 'ande', 'aste', 'ens', 'ets', 'het', 'ast', 'ar', 'er', 'or', 'en',
    'et', 'na', 's', 'a', 'e'];
  var PREFIX = 4;
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;

  function len(s) { return Array.from(s).length; }

  /* Runs of letters and digits, lower-cased, with where each starts and ends in `text`. */
  function spans(text) {
    var out = [];
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      out.push({ word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
    }
    return out;
  }
  function words(text) { return spans(text).map(function (s) { return s.word; }); }

  function fold(word) {
    var out = '';
    for (var c of word) { out += Object.prototype.hasOwnProperty.call(FOLDS, c) ? FOLDS[c] : c; }
    return out;
  }

  function stripOne(word, endings, keep) {
    for (var i = 0; i < endings.length; i++) {
      var e = endings[i];
      if (word.length >= e.length && word.slice(word.length - e.length) === e) {
        var rest = word.slice(0, word.length - e.length);
        if (len(rest) >= keep) { return rest; }
      }
    }
    return word;
  }
  function endsWith(s, e) { return s.slice(s.length - e.length) === e && s.length >= e.length; }

  /* `w` without its Finnish case ending; -ta only after a vowel or s (kunta keeps it). */
  function stripCaseFi(w) {
    for (var i = 0; i < FI_ENDINGS.length; i++) {
      var e = FI_ENDINGS[i];
      if (endsWith(w, e)) {
        var rest = w.slice(0, w.length - e.length);
        if (len(rest) >= 3 && !(e === 'ta' && !/[aeiouys]$/.test(rest))) { return rest; }
      }
    }
    return w;
  }

  /* The Finnish stem of `w` (clitics and possessive suffixes already off). */
  function stemFi(w) {
    var s;
    if (endsWith(w, 'nen')) {
      s = w.slice(0, -3) + 's';
    } else {
      var rest = stripCaseFi(w);
      if (endsWith(rest, 'kse') || endsWith(rest, 'ksi')) {
        s = rest.slice(0, -3) + 's';
      } else if (endsWith(rest, 'uude') || endsWith(rest, 'yyde')) {
        s = rest.slice(0, -2) + 's';
      } else if (len(rest) >= 5 && (endsWith(rest, 'uu') || endsWith(rest, 'yy'))) {
        s = rest + 's';
      } else if (len(rest) > 4 && (endsWith(rest, 'se') || endsWith(rest, 'si'))) {
        s = rest.slice(0, -1);
      } else {
        s = rest;
      }
    }
    while (len(s) > 3 && /[aeiouy]$/.test(s)) { s = s.slice(0, -1); }
    s = s.replace(/ng/g, 'nk').replace(/kk/g, 'k').replace(/pp/g, 'p').replace(/tt/g, 't')
      .replace(/nn/g, 'nt').replace(/mm/g, 'mp').replace(/d/g, 't');
    if (len(s) > 3 && (endsWith(s, 'rk') || endsWith(s, 'lk') || endsWith(s, 'hk'))) {
      s = s.slice(0, -1);
    }
    return s;
  }

  /* One stem, or two where a Finnish form reads two ways (-sta: kokousta, yhteistä, Oulusta). */
  function stems(lang, word) {
    if (len(word) < 4 || /[0-9]/.test(word)) { return [word]; }
    if (lang === 'fi') {
      var w = stripOne(word, ['kaan', 'kin'], 4);
      w = stripOne(w, ['nsa', 'mme', 'nne'], 4);
      var main = stemFi(w);
      var out = [main];
      if (endsWith(w, 'ta')) {
        var base = w.slice(0, -2);
        if (len(base) >= 5 && endsWith(base, 's')) {
          var other = stemFi(base);
          out = other === main ? [main] : [other, main];
        }
      }
      /* A name ending in a consonant takes -in in the genitive (Mattssonin, Krügerin). */
      if (endsWith(w, 'in')) {
        var named = w.slice(0, -2);
        if (len(named) >= 4 && !/[aeiouy]$/.test(named)) {
          var name = stemFi(named);
          if (out.indexOf(name) < 0) { out.push(name); }
        }
      }
      return out;
    }
    if (lang === 'sv') { return [stripOne(word, SV_ENDINGS, 3)]; }
    return [word];
  }

  function terms(lang, word) { return stems(lang, fold(word)); }

  /* FNV-1a (32 bits) of the UTF-8 of the term's first PREFIX letters, modulo `chunks`. */
  function chunkOf(t, chunks) {
    var head = Array.from(t).slice(0, PREFIX).join('');
    var bytes = new TextEncoder().encode(head);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % Math.max(chunks, 1);
  }

  /* The search of one language whose files are under `base` (a URL ending in /), fetched
   * with `getJson(url) → Promise`. */
  function Engine(base, lang, getJson) {
    this.base = base;
    this.lang = lang;
    this.get = getJson;
    this.cache = {};
  }
  Engine.prototype.file = function (name) {
    if (!this.cache[name]) { this.cache[name] = this.get(new URL(name, this.base).href); }
    return this.cache[name];
  };
  Engine.prototype.meta = function () { return this.file('meta.json'); };

  /* The query's words: each with its term, and whether prefixes of it count (the last word,
   * still being typed, when long enough to pick one chunk). */
  Engine.prototype.parse = function (query) {
    var lang = this.lang;
    var ws = words(query);
    return ws.map(function (w, i) {
      var ts = terms(lang, w);
      return {
        word: w,
        terms: ts,
        prefix: i === ws.length - 1 && ts.some(function (t) { return len(t) >= PREFIX; })
      };
    });
  };

  /* Ranked results: [{doc, score, matched}], best first; pages with every word first. */
  Engine.prototype.search = function (query) {
    var self = this;
    var parsed = this.parse(query);
    if (!parsed.length) { return Promise.resolve({ words: parsed, results: [] }); }
    return this.meta().then(function (meta) {
      return Promise.all(parsed.map(function (p) {
        return Promise.all(p.terms.map(function (t) {
          var n = chunkOf(t, meta.chunks);
          return self.file('t/' + n + '.' + meta.t[n] + '.json');
        }));
      })).then(function (chunks) {
        var scores = {};
        var matched = {};
        parsed.forEach(function (p, i) {
          var best = {};
          p.terms.forEach(function (t, j) {
            var found = self.match(chunks[i][j], t, p, meta.docs);
            Object.keys(found).forEach(function (d) {
              if (!(best[d] >= found[d])) { best[d] = found[d]; }
            });
          });
          Object.keys(best).forEach(function (d) {
            scores[d] = (scores[d] || 0) + best[d];
            matched[d] = (matched[d] || 0) + 1;
          });
        });
        var docs = Object.keys(scores);
        var all = docs.filter(function (d) { return matched[d] === parsed.length; });
        if (all.length) { docs = all; }
        var results = docs.map(function (d) {
          return { doc: Number(d), score: scores[d], matched: matched[d] };
        });
        results.sort(function (a, b) {
          return b.matched - a.matched || b.score - a.score || a.doc - b.doc;
        });
        return { words: parsed, results: results };
      });
    });
  };

  /* doc → best score of one query word in one chunk. A longer term that the word only
   * starts is worth half, and never rarer than the word itself (else every rare compound
   * would rank above the word). */
  Engine.prototype.match = function (chunk, term, p, total) {
    var prefix = p.prefix && len(term) >= PREFIX;
    var best = {};
    function idf(surfaces) {
      var seen = {};
      Object.keys(surfaces).forEach(function (s) {
        for (var i = 0; i < surfaces[s].length; i += 2) { seen[surfaces[s][i]] = true; }
      });
      var df = Object.keys(seen).length;
      return Math.log(1 + (total - df + 0.5) / (df + 0.5));
    }
    var own = Object.prototype.hasOwnProperty.call(chunk, term) ? idf(chunk[term]) : Infinity;
    Object.keys(chunk).forEach(function (t) {
      var weight;
      if (t === term) { weight = 1; } else if (prefix && t.indexOf(term) === 0) { weight = 0.5; } else { return; }
      var surfaces = chunk[t];
      var rarity = Math.min(idf(surfaces), own);
      Object.keys(surfaces).forEach(function (s) {
        var w = weight * rarity * (s === p.word ? 1.5 : s === '+' ? 0.5 : 1);
        var list = surfaces[s];
        for (var i = 0; i < list.length; i += 2) {
          var v = list[i + 1] * w;
          if (!(best[list[i]] >= v)) { best[list[i]] = v; }
        }
      });
    });
    return best;
  };

  /* The sections of the index, [[id, title], …], and a function doc → its section's number
   * there (meta.json's runs: [section, docs, section, docs, …], docs in order). */
  Engine.prototype.sections = function () {
    var self = this;
    return this.meta().then(function (meta) {
      if (!self.sectionOf) {
        var of = new Uint16Array(meta.docs);
        var runs = meta.runs || [];
        var at = 0;
        for (var i = 0; i + 1 < runs.length; i += 2) {
          of.fill(runs[i], at, at + runs[i + 1]);
          at += runs[i + 1];
        }
        self.sectionOf = of;
      }
      var of2 = self.sectionOf;
      return { list: meta.sections || [], of: function (doc) { return of2[doc]; } };
    });
  };

  /* A doc's [url, title, section, description]. */
  Engine.prototype.doc = function (n) {
    var self = this;
    return this.meta().then(function (meta) {
      var g = Math.floor(n / meta.group);
      return self.file('d/' + g + '.' + meta.d[g] + '.json').then(function (group) {
        return group[n % meta.group];
      });
    });
  };

  /* Whether a word of a text matches one of the query's words. */
  function matches(lang, parsed, word) {
    var ts = terms(lang, word);
    return parsed.some(function (p) {
      return p.terms.some(function (q) {
        return ts.some(function (t) {
          return t === q || (p.prefix && len(q) >= PREFIX && t.indexOf(q) === 0);
        });
      });
    });
  }

  /* An excerpt of `text` around its first matching word, about `size` words long, as
   * [{text, mark}] pieces (marked where a word matches). */
  function excerpt(lang, parsed, text, size) {
    var all = spans(text);
    var first = all.findIndex(function (s) { return matches(lang, parsed, s.word); });
    if (first < 0) { return []; }
    var from = Math.max(0, first - Math.floor(size / 3));
    var to = Math.min(all.length - 1, from + size);
    var start = all[from].start;
    var pieces = [];
    if (from > 0) { pieces.push({ text: '… ', mark: false }); }
    for (var i = from; i <= to; i++) {
      var s = all[i];
      if (s.start > start) { pieces.push({ text: text.slice(start, s.start), mark: false }); }
      pieces.push({ text: text.slice(s.start, s.end), mark: matches(lang, parsed, s.word) });
      start = s.end;
    }
    if (to < all.length - 1) { pieces.push({ text: ' …', mark: false }); }
    return pieces;
  }

  var api = {
    words: words, fold: fold, stems: stems, terms: terms, chunkOf: chunkOf, Engine: Engine,
    excerpt: excerpt, PREFIX: PREFIX
  };
  if (typeof module !== 'undefined' && module.exports) { module.exports = api; } else { root.KumppaniSearch = api; }
})(this);
