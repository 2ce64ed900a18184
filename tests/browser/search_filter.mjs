// The search page's section filter, as a keyboard user meets it: search, Tab from the search
// box to the section select, type the start of a section's name, and read what the page shows
// and announces. Prints one JSON object on stdout:
// { errors: [..], requests: [url, ..], runs: [{page, query, label, labelVisible, focused,
//   before: {status, options}, after: {status, options, url, results: [{href, section}]}}] }
// Usage: node search_filter.mjs BASE_URL CHROMIUM USER_DATA_DIR < input.json
//   input.json: { "runs": [{ "page": "/fi/haku/", "query": "kaupunki", "type": "Teemat" }] }
import { readFileSync } from 'node:fs';
import { launch } from './chromium.mjs';

const [base, executablePath, userDataDir] = process.argv.slice(2);
const input = JSON.parse(readFileSync(0, 'utf8'));

const context = await launch(executablePath, userDataDir);
const out = { errors: [], requests: [], runs: [] };

async function state(page) {
  return page.evaluate(() => ({
    status: document.getElementById('search-status').textContent,
    options: Array.from(document.querySelectorAll('#search-section option'), (o) => o.textContent),
    url: window.location.pathname + window.location.search,
    results: Array.from(document.querySelectorAll('#search-results li'), (li) => ({
      href: li.querySelector('a').getAttribute('href'),
      section: (li.querySelector('.search-section') || {}).textContent || null,
    })),
  }));
}

async function answered(page) {
  await page.waitForFunction(() => document.getElementById('search-status').textContent !== '',
    null, { timeout: 10000 });
}

try {
  const page = await context.newPage();
  page.on('pageerror', (e) => out.errors.push(`${page.url()}: ${e.message}`));
  page.on('request', (r) => out.requests.push(r.url()));
  for (const run of input.runs) {
    await page.goto(base + run.page, { waitUntil: 'load' });
    await page.fill('#search-query', run.query);
    await page.press('#search-query', 'Enter');
    await answered(page);
    const before = await state(page);
    const label = await page.textContent('label[for="search-section"]');
    const labelVisible = await page.isVisible('label[for="search-section"]');
    // From the search box: the button, then the section filter.
    await page.focus('#search-query');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement.id);
    await page.evaluate(() => { document.getElementById('search-status').textContent = ''; });
    await page.keyboard.type(run.type);
    // Typing selects by the letters so far: `T` picks the first section with a T, then `Te`
    // the one meant, each with its own answer. Wait for the answer of the whole name.
    await page.waitForFunction(
      (name) => document.getElementById('search-status').textContent.includes(name),
      run.type, { timeout: 10000 });
    const after = await state(page);
    out.runs.push({ page: run.page, query: run.query, label, labelVisible, focused, before, after });
  }
} finally {
  await context.close();
}
process.stdout.write(JSON.stringify(out));
