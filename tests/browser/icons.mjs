// Makes the raster icons from templates/favicon.svg, in Debian's headless Chromium:
// templates/favicon.ico (one 32 × 32 PNG inside an ICO) and templates/share.png (1200 × 630,
// the default og:image). Run after changing the SVG or the site names; commit the results.
// Usage: node icons.mjs CHROMIUM
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './chromium.mjs';

const [executablePath] = process.argv.slice(2);
const templates = new URL('../../templates/', import.meta.url);
const svg = readFileSync(new URL('favicon.svg', templates), 'utf8');

const browser = await launch(executablePath, mkdtempSync(join(tmpdir(), 'icons-')));
try {
  const page = await browser.newPage();
  // Chromium does not paint a 32 px wide window: clip a larger one.
  await page.setViewportSize({ width: 200, height: 200 });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:32px;height:32px}</style>${svg}`);
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: 32, height: 32 } });
  // ICO header (reserved, type 1 = icon, 1 image) + one directory entry pointing at the PNG.
  const head = Buffer.alloc(22);
  head.writeUInt16LE(0, 0); head.writeUInt16LE(1, 2); head.writeUInt16LE(1, 4);
  head.writeUInt8(32, 6); head.writeUInt8(32, 7); head.writeUInt8(0, 8); head.writeUInt8(0, 9);
  head.writeUInt16LE(1, 10); head.writeUInt16LE(32, 12);
  head.writeUInt32LE(png.length, 14); head.writeUInt32LE(22, 18);
  writeFileSync(new URL('favicon.ico', templates), Buffer.concat([head, png]));

  const share = await browser.newPage();
  await share.setViewportSize({ width: 1200, height: 630 });
  await share.setContent(`<style>
    body{margin:0;width:1200px;height:630px;display:flex;align-items:center;gap:64px;padding:0 96px;
      box-sizing:border-box;background:#003580;color:#fff;font-family:system-ui,sans-serif}
    svg{width:220px;height:220px;flex:none} p{margin:0 0 24px;font-size:56px;font-weight:700;line-height:1.15}
    p+p{font-size:40px;font-weight:400}</style>
    ${svg.replace('fill="#003580"', 'fill="#002a66"')}
    <div><p lang="fi">Kaupunkien ja valtion kumppanuudet</p><p lang="sv">Partnerskap mellan städerna och staten</p></div>`);
  writeFileSync(new URL('share.png', templates), await share.screenshot());
} finally {
  await browser.close();
}
