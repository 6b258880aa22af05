// Opens every leadkit-console page in headless Chromium; exits 1 on any console error,
// page error, failed request or non-2xx response. Usage: node browser-test.mjs BASE OUT PROFILE
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_PATH, 'x.js'));
const { chromium } = require('playwright-core');
const [base, out, profile] = process.argv.slice(2);

const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
const page = context.pages()[0] ?? await context.newPage();
page.on('console', m => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
page.on('pageerror', e => problems.push(`page error: ${e.message}`));
page.on('requestfailed', r => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
page.on('response', r => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });

async function visit(name, url) {
  const before = problems.length;
  const resp = await page.goto(url, { waitUntil: 'load' });
  if (!resp || !resp.ok()) problems.push(`HTTP ${resp?.status()} for ${url}`);
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: !['kpis', 'journey-svg'].includes(name), timeout: 60000 });
  const title = await page.title();
  console.log(`${problems.length === before ? 'ok  ' : 'FAIL'} ${name.padEnd(11)} ${url}  "${title}"`);
  problems.slice(before).forEach(p => console.log(`       ${p}`));
}

async function firstLink(fragment) {
  const hrefs = await page.$$eval('main a', as => as.map(a => a.href));
  return hrefs.find(h => h.includes(fragment) && !h.endsWith('.svg') && !h.endsWith('.mmd'));
}

await visit('overview', `${base}/`);
await visit('journeys', `${base}/journeys`);
const journey = await firstLink('/journeys/');
if (!journey) problems.push('no journey link on /journeys'); else await visit('journey', journey);
await visit('journey-svg', journey ? `${journey}.svg` : `${base}/journeys/x.svg`);
await visit('segments', `${base}/segments`);
await visit('kpis', `${base}/kpis`);
await visit('leads', `${base}/leads`);
const lead = await firstLink('/leads/');
if (!lead) problems.push('no lead link on /leads'); else await visit('lead', lead);
await visit('search', `${base}/leads?q=${encodeURIComponent('<script>alert(1)</script>')}`);
await visit('outbox', `${base}/outbox`);

// with README_IMG=DIR: small screenshots for the README (viewport only)
if (process.env.README_IMG && journey) {
  await page.setViewportSize({ width: 1000, height: 760 });
  await page.goto(journey, { waitUntil: 'load' });
  await page.screenshot({ path: path.join(process.env.README_IMG, 'console-journey.png') });
  await page.goto(`${base}/kpis`, { waitUntil: 'load' });
  await page.evaluate(() => document.querySelector('h2:nth-of-type(2)')?.scrollIntoView());
  await page.screenshot({ path: path.join(process.env.README_IMG, 'kpi-report.png') });
}

await context.close();
if (problems.length) {
  console.log(`${problems.length} problem(s):`);
  problems.forEach(p => console.log(`  ${p}`));
  process.exit(1);
}
console.log('browser-test: 10 pages, no console errors');
