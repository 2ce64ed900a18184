// What axe does not see, in Debian's headless Chromium driven by playwright-core:
// - reflow (WCAG 1.4.10): at each phone width no page scrolls sideways
//   (documentElement.scrollWidth <= innerWidth);
// - focus (WCAG 1.4.3, 2.4.7, 1.4.11): at desktop width, tabbing through the first `tabs`
//   focusable elements, the text of each focused element keeps 4.5:1 against the background
//   it is drawn on (computed styles, walking up through the ancestors for the background), and
//   its focus outline keeps 3:1 against the background around the element.
// Prints one JSON object on stdout:
// { overflow: [{page, width, scrollWidth}], focus: [{page, element, text, ratio, …}],
//   outline: [{page, element, ratio, …}], focused: N, errors: [] }
// Usage: node layout.mjs BASE_URL CHROMIUM USER_DATA_DIR < input.json
//   input.json: { "pages": ["/fi/", …], "widths": [320, 390], "desktop": 1280, "tabs": 40 }
import { readFileSync } from 'node:fs';
import { launch } from './chromium.mjs';

const [base, executablePath, userDataDir] = process.argv.slice(2);
const input = JSON.parse(readFileSync(0, 'utf8'));

const context = await launch(executablePath, userDataDir);
const out = { overflow: [], focus: [], outline: [], focused: 0, errors: [] };

// Runs in the page: the focused element's text contrast and its outline's contrast.
function measureFocus() {
  const parse = (c) => {
    const m = c.match(/^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/);
    if (!m) throw new Error(`unparsed colour ${c}`);
    return [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  // The colour behind `el`: its own background and those of its ancestors, composited.
  const backdrop = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const luminance = ([r, g, b]) => {
    const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
  };
  const describe = (e) => e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '')
    + (e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).join('.')}` : '');
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const texts = [];
  // Every element inside the focused one that draws text of its own, and form fields.
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const drawn = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.textContent.trim() && n.parentElement) drawn.add(n.parentElement);
  }
  if (el.matches('input, textarea, select')) drawn.add(el);
  for (const t of drawn) {
    const style = getComputedStyle(t);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const fg = over(parse(style.color), backdrop(t));
    texts.push({
      element: describe(t), text: (t.value || t.textContent).trim().slice(0, 60),
      color: style.color, background: backdrop(t).slice(0, 3).join(','),
      ratio: ratio(fg, backdrop(t)),
    });
  }
  const style = getComputedStyle(el);
  const width = parseFloat(style.outlineWidth) || 0;
  // The outline is drawn around the element, over what is behind it.
  const around = el.parentElement ? backdrop(el.parentElement) : [255, 255, 255, 1];
  // The indicator: the outline and any box-shadow ring drawn around it (a two-colour ring keeps
  // 3:1 on light and dark backgrounds alike); the best of its colours against what is around.
  const rings = [];
  if (style.outlineStyle !== 'none' && width > 0) rings.push(style.outlineColor);
  for (const m of style.boxShadow.matchAll(/rgba?\([^)]*\)(?=\s+0px\s+0px\s+0px\s+[1-9])/g)) rings.push(m[0]);
  const outline = rings.length === 0 ? null : {
    colors: rings, width,
    ratio: Math.max(...rings.map((c) => ratio(over(parse(c), around), around))),
  };
  return { element: describe(el), texts, outline, key: el.outerHTML.slice(0, 120) };
}

try {
  const page = await context.newPage();
  page.on('pageerror', (e) => out.errors.push(`${page.url()}: ${e.message}`));
  for (const width of input.widths) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of input.pages) {
      const resp = await page.goto(base + path, { waitUntil: 'load' });
      if (!resp || resp.status() !== 200) {
        out.errors.push(`${path}: HTTP ${resp ? resp.status() : 'no response'}`);
        continue;
      }
      const m = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
        widest: [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
          .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${Math.round(e.getBoundingClientRect().right)}px ${e.textContent.trim().slice(0, 40)}`),
      }));
      if (m.scrollWidth > m.innerWidth) out.overflow.push({ page: path, width, ...m });
    }
  }
  await page.setViewportSize({ width: input.desktop, height: 900 });
  for (const path of input.pages) {
    await page.goto(base + path, { waitUntil: 'load' });
    let first = null;
    for (let i = 0; i < input.tabs; i += 1) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(measureFocus);
      if (!f) continue;
      if (first === f.key) break; // wrapped around: every focusable element seen
      first ??= f.key;
      out.focused += 1;
      for (const t of f.texts) {
        if (t.ratio < 4.5) out.focus.push({ page: path, focused: f.element, ...t });
      }
      if (!f.outline || f.outline.ratio < 3) {
        out.outline.push({ page: path, element: f.element, outline: f.outline });
      }
    }
  }
} finally {
  await context.close();
}
process.stdout.write(JSON.stringify(out));
