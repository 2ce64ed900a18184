// Runs the search page's normaliser (templates/search/engine.js, as the browser loads it) over
// texts, for the comparison with the Rust side in tests/search_normalise.rs.
// Reads { texts: [..], langs: [..], chunks: N } on stdin; prints
// { words: [distinct words of the texts, sorted], terms: {lang: [terms of each word]},
//   chunk: {lang: [chunks of each word's terms]} }.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const S = require('../../templates/search/engine.js');
const input = JSON.parse(readFileSync(0, 'utf8'));
const distinct = new Set();
for (const t of input.texts) { for (const w of S.words(t)) { distinct.add(w); } }
// Code point order, as Rust sorts strings.
const words = [...distinct].sort((a, b) => {
  const x = Array.from(a).map((c) => c.codePointAt(0));
  const y = Array.from(b).map((c) => c.codePointAt(0));
  for (let i = 0; i < Math.min(x.length, y.length); i++) { if (x[i] !== y[i]) { return x[i] - y[i]; } }
  return x.length - y.length;
});
const terms = {};
const chunk = {};
for (const lang of input.langs) {
  terms[lang] = words.map((w) => S.terms(lang, w));
  chunk[lang] = terms[lang].map((ts) => ts.map((t) => S.chunkOf(t, input.chunks)));
}
process.stdout.write(JSON.stringify({ words, terms, chunk }));
