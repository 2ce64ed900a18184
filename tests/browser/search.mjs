// Types each query into the real search page, in Debian's headless Chromium driven by
// playwright-core, as a visitor would (fill the box, press Enter), and reads the results.
// Prints one JSON object on stdout:
// { errors: [..], requests: [url, ..], search: [{page, query, status, results: [{href, title, section, excerpt}]}] }
// Usage: node search.mjs BASE_URL CHROMIUM USER_DATA_DIR < queries.json
//   queries.json: { "searches": [{ "page": "/fi/haku/", "query": "kaupunki" }] }
import { readFileSync } from 'node:fs';
import { launch } from './chromium.mjs';

const [base, executablePath, userDataDir] = process.argv.slice(2);
const input = JSON.parse(readFileSync(0, 'utf8'));

const context = await launch(executablePath, userDataDir);
const out = { errors: [], requests: [], search: [] };
try {
  const page = await context.newPage();
  page.on('pageerror', (e) => out.errors.push(`${page.url()}: ${e.message}`));
  page.on('request', (r) => out.requests.push(r.url()));
  let current = null;
  for (const s of input.searches) {
    if (current !== s.page) {
      await page.goto(base + s.page, { waitUntil: 'load' });
      current = s.page;
    }
    await page.fill('#search-query', s.query);
    // A new search clears the status first; wait for this query's answer.
    await page.evaluate(() => { document.getElementById('search-status').textContent = ''; });
    await page.press('#search-query', 'Enter');
    await page.waitForFunction(() => document.getElementById('search-status').textContent !== '',
      null, { timeout: 10000 });
    const results = await page.$$eval('#search-results li', (lis) => lis.map((li) => {
      const a = li.querySelector('a');
      const section = li.querySelector('.search-section');
      const excerpt = li.querySelector('.search-excerpt');
      return {
        href: a ? a.getAttribute('href') : null,
        title: a ? a.textContent : '',
        section: section ? section.textContent : null,
        excerpt: excerpt ? excerpt.innerHTML : null,
      };
    }));
    const status = await page.textContent('#search-status');
    out.search.push({ page: s.page, query: s.query, status, results });
  }
} finally {
  await context.close();
}
process.stdout.write(JSON.stringify(out));
