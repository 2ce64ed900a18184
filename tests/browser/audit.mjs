// Runs axe-core (WCAG 2.1 A and AA rules) on every page given, in Debian's headless Chromium
// driven by playwright-core, and the search checks. Prints one JSON object on stdout:
// { violations: [{page, id, impact, help, nodes}], search: [{page, query, results: [{href, lang}]}] }
// Usage: node audit.mjs BASE_URL CHROMIUM USER_DATA_DIR < pages.json
//   pages.json: { "pages": ["/fi/", …], "searches": [{ "page": "/fi/haku/", "query": "kaupunki" }] }
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launch } from './chromium.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [base, executablePath, userDataDir] = process.argv.slice(2);
const input = JSON.parse(readFileSync(0, 'utf8'));

const context = await launch(executablePath, userDataDir);
const out = { violations: [], errors: [], search: [] };
try {
  const page = await context.newPage();
  page.on('pageerror', (e) => out.errors.push(`${page.url()}: ${e.message}`));
  for (const path of input.pages) {
    const resp = await page.goto(base + path, { waitUntil: 'load' });
    if (!resp || resp.status() !== 200) {
      out.errors.push(`${path}: HTTP ${resp ? resp.status() : 'no response'}`);
      continue;
    }
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }));
    for (const v of result.violations) {
      out.violations.push({
        page: path, id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
      });
    }
  }
  for (const s of input.searches) {
    await page.goto(base + s.page, { waitUntil: 'load' });
    await page.fill('#search-query', s.query);
    await page.click('#search-form button[type=submit]');
    await page.waitForFunction(() => document.getElementById('search-status').textContent !== '',
      null, { timeout: 10000 });
    const results = await page.$$eval('#search-results a', (as) => as.map((a) => ({
      href: a.getAttribute('href'), title: a.textContent,
    })));
    const status = await page.textContent('#search-status');
    out.search.push({ page: s.page, query: s.query, status, results });
  }
} finally {
  await context.close();
}
process.stdout.write(JSON.stringify(out));
