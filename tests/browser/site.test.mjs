// Drives a site written by `ioc bundle` in headless Chromium (Debian's
// /usr/bin/chromium, through playwright-core).
//
//   node site.test.mjs SITE_URL [REPL_URL]
//
// SITE_URL serves `ioc bundle examples/site/app.io` (tree-shaken: it runs
// what app.io names); REPL_URL serves `ioc bundle --repl`, which keeps
// everything, for the checks that evaluate new Io in the page. The picture of the site goes to $SCREENSHOT (default:
// io-site.png in the temporary folder). Prints one line per check and a
// closing "N passed, N failed"; exits non-zero when a check failed.

import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [siteUrl, replUrl] = process.argv.slice(2);
if (!siteUrl) {
  console.error('usage: node site.test.mjs SITE_URL [REPL_URL]');
  process.exit(2);
}
const screenshot = process.env.SCREENSHOT ?? join(tmpdir(), 'io-site.png');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT = 15000;

let passed = 0, failed = 0;
async function check(name, f) {
  try {
    const note = await f();
    passed++;
    console.log(`ok - ${name}${note ? ` (${note})` : ''}`);
  } catch (e) {
    failed++;
    console.log(`FAIL - ${name}: ${String(e?.message ?? e).split('\n')[0]}`);
  }
}
function expect(what, got, want) {
  if (got !== want) throw new Error(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

const profile = mkdtempSync(join(tmpdir(), 'io-browser-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 900, height: 600 },
});
context.setDefaultTimeout(TIMEOUT);

// Everything a page logs or requests, to check against afterwards.
function watch(page) {
  const seen = { console: [], errors: [], requests: [] };
  page.on('console', (m) => seen.console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('request', (r) => seen.requests.push(r.url()));
  return seen;
}
const outputText = (page) => page.locator('#io-output').textContent();

try {
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(siteUrl);

  await check('the program starts: "site ready" in #io-output', async () => {
    await page.waitForFunction(() => document.getElementById('io-output')?.textContent.includes('site ready'));
    const code = await page.evaluate(() => window.ioReady);
    expect('exit code of the top level', code, 0);
  });

  await check('time from navigation to the first Io output', async () => {
    const ms = await page.evaluate(() => {
      const mark = performance.getEntriesByName('io-first-output')[0];
      return mark && mark.startTime;
    });
    if (typeof ms !== 'number') throw new Error('no io-first-output mark');
    const started = await page.evaluate(() => performance.getEntriesByName('io-started')[0]?.startTime);
    return `first output ${ms.toFixed(0)} ms, top level done ${started?.toFixed(0)} ms`;
  });

  await check('the elements Io made are in the page', async () => {
    expect('#count', await page.locator('#count').textContent(), '0');
    expect('#status', await page.locator('#status').textContent(), 'idle');
    expect('#inc is a button', await page.locator('#inc').evaluate((e) => e.tagName), 'BUTTON');
    expect('#later is a button', await page.locator('#later').evaluate((e) => e.tagName), 'BUTTON');
  });

  await check('a coroutine keeps running after the top level (#ticks fills in)', async () => {
    await page.waitForFunction(() => document.querySelectorAll('#ticks li').length === 3);
  });

  await check('clicks on #inc count in #count', async () => {
    await page.click('#inc');
    await page.waitForFunction(() => document.getElementById('count').textContent === '1');
    await page.click('#inc');
    await page.waitForFunction(() => document.getElementById('count').textContent === '2');
  });

  await check('#later\'s handler waits on an Io timer, then #status reads done', async () => {
    const t0 = Date.now();
    await page.click('#later');
    await page.waitForFunction(() => document.getElementById('status').textContent === 'done');
    return `after ${Date.now() - t0} ms`;
  });

  // (The site as a visitor sees it, before the checks below print to it.)
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);

  await check('an Io exception in a handler reaches JS as an Error', async () => {
    const message = await page.evaluate(async () => {
      await window.ioEval('JS set("ioThrows", block(Exception raise("from Io")))');
      try { window.ioThrows(); return 'no exception'; } catch (e) { return `${e.name}: ${e.message}`; }
    });
    if (!/^Error: .*from Io/.test(message)) throw new Error(message);
  });

  await check('no page errors, no requests beyond the bundle', async () => {
    if (seen.errors.length) throw new Error(seen.errors.join('; '));
    const origin = new URL(siteUrl).origin;
    const foreign = seen.requests.filter((u) => !u.startsWith(origin));
    if (foreign.length) throw new Error(`requests: ${foreign.join(', ')}`);
    const files = [...new Set(seen.requests.map((u) => new URL(u).pathname))];
    return `requested ${files.join(', ')}`;
  });

  if (failed) {
    console.log('what the site printed:');
    console.log((await outputText(page)).replace(/^/gm, '  | '));
    for (const line of seen.console.slice(0, 40)) console.log(`  console ${line}`);
  }

  if (replUrl) {
    const repl = await context.newPage();
    const replSeen = watch(repl);
    await repl.goto(replUrl);
    await check('the REPL page: 1 + 2 then Enter shows ==> 3', async () => {
      await repl.waitForFunction(() => !document.getElementById('io-input').disabled);
      await repl.locator('#io-input').fill('1 + 2');
      await repl.locator('#io-input').press('Enter');
      await repl.waitForFunction(() => document.getElementById('io-output').textContent.includes('==> 3'));
    });
    await check('the REPL keeps state between lines and shows exceptions', async () => {
      await repl.locator('#io-input').fill('x := 20');
      await repl.locator('#io-input').press('Enter');
      await repl.locator('#io-input').fill('x * 2 + 2');
      await repl.locator('#io-input').press('Enter');
      await repl.waitForFunction(() => document.getElementById('io-output').textContent.includes('==> 42'));
      await repl.locator('#io-input').fill('nosuchthing');
      await repl.locator('#io-input').press('Enter');
      await repl.waitForFunction(() => document.querySelector('#io-output .io-stderr')?.textContent.includes('nosuchthing'));
    });
    await check('JS calls Io blocks during a call Io makes: a click Io makes, Array map', async () => {
      const before = (await outputText(repl)).length;
      const status = await repl.evaluate(() => window.ioEval(
        'clicked := 0; b := DOM body add("button") on("click", block(e, clicked = clicked + 1)); ' +
        'b click; ("clicked " .. clicked) println; ' +
        'JS eval("[1, 2, 3]") map(block(x, x * 10)) join("-") println'));
      expect('ioEval status', status, 0);
      const printed = (await outputText(repl)).slice(before);
      if (!printed.includes('clicked 1\n') || !printed.includes('10-20-30\n')) {
        throw new Error(`printed ${JSON.stringify(printed)}`);
      }
    });
    await check('a JS exception reaches Io as an exception (try catches a TypeError)', async () => {
      const before = (await outputText(repl)).length;
      const status = await repl.evaluate(() => window.ioEval(
        'e := try(JS eval("null.x")); ("caught: " .. e error) println'));
      expect('ioEval status', status, 0);
      const printed = (await outputText(repl)).slice(before);
      if (!/caught: .*TypeError/.test(printed)) throw new Error(`printed ${JSON.stringify(printed)}`);
    });
    await check('the REPL page had no page errors', async () => {
      if (replSeen.errors.length) throw new Error(replSeen.errors.join('; '));
    });
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
