// What the search page fetches for a query with a cold cache, from a built site on disk: the
// search files its engine (templates/search/engine.js) asks for, then the page list of the
// results shown and the pages whose excerpts it shows. For the `bench` binary.
// Usage: node payload.mjs OUT_DIR LANG QUERY
// Prints { files: [paths under OUT_DIR], results: N }.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const S = require('../../templates/search/engine.js');
const [out, lang, query] = process.argv.slice(2);
const SHOWN = 10;
const base = `file:///site/search/${lang}/meta.json`;
const files = [];
const engine = new S.Engine(base, lang, (url) => {
  const path = decodeURIComponent(new URL(url).pathname.replace(/^\/site\//, ''));
  files.push(path);
  return Promise.resolve(JSON.parse(readFileSync(`${out}/${path}`, 'utf8')));
});
const found = await engine.search(query);
const shown = found.results.slice(0, SHOWN);
for (const r of shown) {
  const doc = await engine.doc(r.doc);
  // The page itself, for its excerpt (URLs carry the base path; a sub-path build would too).
  files.push(`${doc[0].replace(/^\//, '')}index.html`);
}
process.stdout.write(JSON.stringify({ files, results: found.results.length }));
