/**
 * The dashboard end to end in headless Chromium, driven by playwright-core, run by node's test runner.
 *
 * Expects a service with a new warehouse whose sources are the hand-made tree of SampleSources.java
 * (DashboardBrowserIT starts one). Environment:
 *   DASHBOARD_URL   the service, e.g. http://127.0.0.1:8080/ (required)
 *   API_TOKEN       its bearer token (default test-token)
 *   CHROMIUM_PATH   the browser (default /usr/bin/chromium, Debian's package)
 *   SCREENSHOT_DIR  where the PNGs go (default ../../../target/browser-screenshots)
 *
 * The analytics endpoints come from another branch: while /analytics/top-songs answers 404 the tests of
 * their numbers are skipped (and say so), the rest still runs.
 */

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const BASE = new URL(process.env.DASHBOARD_URL ?? 'http://127.0.0.1:8080/');
const TOKEN = process.env.API_TOKEN ?? 'test-token';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = resolve(process.env.SCREENSHOT_DIR ?? join(HERE, '../../../target/browser-screenshots'));

/** Worked out by hand in SampleSources.java. */
const TABLE_COUNTS = {
  staging_events: 8, staging_songs: 4, songplays: 6, users: 2, songs: 4, artists: 3, time: 5,
};

const WAIT_MS = 20_000;

describe('dashboard at /', () => {
  let browser;
  let page;
  const pageErrors = [];
  const foreignRequests = [];
  let analyticsPresent = false;

  before(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({
      baseURL: BASE.href, viewport: { width: 1280, height: 900 }, colorScheme: 'light', locale: 'en-US',
      timezoneId: 'UTC',
    });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('request', (request) => {
      if (new URL(request.url()).origin !== BASE.origin) foreignRequests.push(request.url());
    });
    // The reset button asks for confirmation with window.confirm.
    page.on('dialog', (dialog) => dialog.accept());
    analyticsPresent = (await page.request.get('analytics/top-songs')).status() !== 404;
  });

  after(async () => {
    await browser?.close();
  });

  test('loads with an empty warehouse and says there is no data yet', async () => {
    await page.goto('/');
    assert.equal(await page.title(), 'Sparkify Warehouse');
    await page.locator('#history-body', { hasText: 'No jobs yet.' }).waitFor();
    await page.locator('#job-summary', { hasText: 'No jobs yet' }).waitFor();
    for (const key of ['table-counts', 'top-songs', 'top-artists', 'plays-by-hour', 'plays-by-weekday', 'levels']) {
      await page.locator(`#chart-${key}:is([data-state="empty"], [data-state="unavailable"])`).waitFor();
      assert.match(await page.locator(`#chart-${key} .chart-message`).innerText(), /^No data yet/);
    }
    await shoot(page, '01-empty-warehouse');
  });

  test('asks for the token before changing anything', async () => {
    await page.getByRole('button', { name: 'Start ETL run' }).click();
    await page.getByRole('status').filter({ hasText: 'Enter the API token first.' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'api-token');
  });

  test('says so when the token is refused', async () => {
    await page.getByLabel('API token').fill('not-the-token');
    await page.getByRole('button', { name: 'Start ETL run' }).click();
    await page.getByRole('status').filter({ hasText: 'The API token was refused' }).waitFor();
    assert.equal(await page.request.get('jobs').then((r) => r.json()).then((jobs) => jobs.length), 0);
  });

  test('resets the schema with the token, kept only in the session', async () => {
    await page.getByLabel('API token').fill(TOKEN);
    await page.getByRole('button', { name: 'Reset schema…' }).click();
    await page.locator('#history-body tr[data-status="SUCCEEDED"]', { hasText: 'Schema reset' }).waitFor();
    const zeros = Object.fromEntries(Object.keys(TABLE_COUNTS).map((table) => [table, 0]));
    await eventually(async () => assert.deepEqual(await tableCounts(page), zeros));
    const storage = await page.evaluate(() => ({
      session: sessionStorage.getItem('sparkify.apiToken'), local: localStorage.length, cookie: document.cookie,
    }));
    assert.deepEqual(storage, { session: TOKEN, local: 0, cookie: '' });
  });

  test('starts an ETL run from the keyboard and follows it to completion', async () => {
    await recordJobStates(page);
    const started = page.waitForResponse((r) => r.url().endsWith('/etl/runs') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Start ETL run' }).focus();
    await page.keyboard.press('Enter');
    const response = await started;
    assert.equal(response.status(), 202);
    const { id } = await response.json();

    await page.locator(`#current-job[data-job-id="${id}"][data-status="SUCCEEDED"]`).waitFor();
    const seen = await page.evaluate(() => window.jobStatesSeen);
    assert.ok(seen.some((state) => state === `${id}:QUEUED` || state === `${id}:RUNNING`),
      `the progress card showed the run before it ended: ${seen.join(', ')}`);

    const run = await page.request.get(`etl/runs/${id}`).then((r) => r.json());
    const { objectsDone, objectsListed, rowsStaged } = run.progress;
    assert.equal(await page.locator('#progress-percent').innerText(), '100%');
    assert.equal(await page.locator('#progress-bar').evaluate((bar) => bar.value), 100);
    assert.equal(await page.locator('#fact-objects').innerText(), `${objectsDone} of ${objectsListed}`);
    assert.equal(await page.locator('#fact-rows').innerText(),
      `staging_events ${rowsStaged.staging_events}, staging_songs ${rowsStaged.staging_songs}`);
    assert.equal(objectsListed, 6);
    const row = page.locator(`#history-body tr[data-job-id="${id}"]`);
    assert.equal(await row.locator('td').nth(2).innerText(), 'Succeeded');
    assert.equal(await row.locator('td').nth(4).innerText(), String(TABLE_COUNTS.songplays));
    await page.locator('#job-details > summary').click();
    await page.locator('#job-details .checks h4', { hasText: 'failed' }).waitFor();
    assert.match(await page.locator('#job-details .checks h4').innerText(), /passed, 0 failed$/);
    await shoot(page, '02-run-succeeded');
  });

  test('shows the table counts of the loaded warehouse', async () => {
    await eventually(async () => assert.deepEqual(await tableCounts(page), TABLE_COUNTS));
    const chart = page.locator('#chart-table-counts');
    const image = chart.getByRole('img', { name: /^Table counts/ });
    assert.match(await image.getAttribute('aria-labelledby'), /title .*desc$/);
    const description = await chart.locator('svg desc').textContent();
    assert.match(description, /songplays: 6 rows/);
    assert.match(description, /users: 2 rows/);
    const labels = await chart.locator('svg .value-label').allTextContents();
    assert.deepEqual(labels.map(Number).sort(), Object.values(TABLE_COUNTS).sort());
  });

  test('draws top songs, top artists, hours, weekdays and levels from the analytics API', async (t) => {
    if (!analyticsPresent) {
      t.skip('GET /analytics/top-songs answers 404 on this server (analytics branch not merged): numbers not checked');
      assert.equal(await page.locator('#chart-top-songs').getAttribute('data-state'), 'unavailable');
      return;
    }
    // Each chart fetches and draws on its own, so any one may still be loading when another is drawn.
    await eventually(async () => {
      assert.deepEqual(await dataTable(page, 'top-songs'),
        [['1', 'Alpha', 'Ann Artist', '2'], ['2', 'Beta', 'Bob Band', '2']]);
      assert.deepEqual(await dataTable(page, 'top-artists'), [['1', 'Ann Artist', '2'], ['2', 'Bob Band', '2']]);
      assert.deepEqual(nonZero(await dataTable(page, 'plays-by-hour')), [['00:00', '5'], ['01:00', '1']]);
      assert.equal((await dataTable(page, 'plays-by-hour')).length, 24);
      assert.deepEqual(nonZero(await dataTable(page, 'plays-by-weekday')), [['Thursday', '3'], ['Friday', '3']]);
      assert.deepEqual(sorted(await dataTable(page, 'levels')), [['free', '2', '4'], ['paid', '1', '2']]);
      assert.deepEqual(await page.locator('#chart-top-songs svg .value-label').allTextContents(), ['2', '2']);
      assert.deepEqual(await page.locator('#chart-plays-by-hour svg .value-label').allTextContents(), ['5', '1']);
    });
    await page.locator('#analytics-as-of', { hasText: 'Data loaded by the ETL run that finished' }).waitFor();
    // SampleSources: plays 1, 3, 7 and 8 match a catalog song; 5 (other duration) and 6 (unknown song) do not.
    await page.locator('#analytics-as-of', { hasText: '4 of 6 songplays matched a song.' }).waitFor();
    await shoot(page, '03-analytics');
  });

  test('filters the play charts by day', async () => {
    const filtered = page.waitForRequest((r) => r.url().includes('analytics/top-songs?'));
    await page.getByLabel('From', { exact: true }).fill('2018-11-02');
    await page.getByLabel('To', { exact: true }).fill('2018-11-02');
    await page.getByRole('button', { name: 'Apply' }).click();
    const query = new URL((await filtered).url()).searchParams;
    assert.equal(query.get('from'), '2018-11-02');
    assert.equal(query.get('to'), '2018-11-02');
    assert.equal(new URL(page.url()).search, '?from=2018-11-02&to=2018-11-02');
    if (analyticsPresent) {
      // 2018-11-02 (a Friday): Nowhere (unmatched), then Alpha and Beta at the same minute.
      // The charts answer one by one: wait for all three, not only the first.
      await eventually(async () => {
        assert.deepEqual(await dataTable(page, 'top-songs'),
          [['1', 'Alpha', 'Ann Artist', '1'], ['2', 'Beta', 'Bob Band', '1']]);
        assert.deepEqual(nonZero(await dataTable(page, 'plays-by-weekday')), [['Friday', '3']]);
        assert.deepEqual(sorted(await dataTable(page, 'levels')), [['free', '1', '2'], ['paid', '1', '1']]);
      });
    }
    await eventually(async () => assert.deepEqual(await tableCounts(page), TABLE_COUNTS));
    await shoot(page, '04-filtered');
  });

  test('refuses a from day after the to day', async () => {
    await page.getByLabel('From', { exact: true }).fill('2018-11-30');
    await page.getByLabel('To', { exact: true }).fill('2018-11-01');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('#filter-message', { hasText: '“From” must not be after “To”.' }).waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.locator('#filter-message', { hasText: 'all days' }).waitFor();
  });

  test('draws every analytics chart from answers shaped as the API contract (stubbed analytics)', async () => {
    // Udacity-sized numbers: thousands separators, long titles, all 24 hours. Runs with or without the
    // analytics branch, so the drawing itself is always covered.
    const answers = contractAnswers();
    await page.route(/\/analytics\/[a-z-]+(\?|$)/, (route) => {
      const name = new URL(route.request().url()).pathname.split('/').pop();
      return route.fulfill({ json: answers[name] });
    });
    try {
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.locator('#analytics-as-of', { hasText: 'Data loaded by the ETL run that finished' }).waitFor();
      await eventually(async () => {
        assert.deepEqual((await dataTable(page, 'top-songs'))[0], ['1', "You're The One", 'Dwight Yoakam', '37']);
        assert.equal((await dataTable(page, 'top-songs')).length, 10);
        assert.deepEqual((await dataTable(page, 'plays-by-hour'))[16], ['16:00', '542']);
        assert.deepEqual(await dataTable(page, 'levels'), [['free', '82', '1,229'], ['paid', '22', '5,591']]);
        assert.deepEqual(await page.locator('#chart-plays-by-weekday svg .value-label').allTextContents(),
          ['1,014', '1,071', '1,364', '1,052', '1,295', '628', '396']);
        assert.deepEqual(await dataTable(page, 'top-locations'),
          [['1', 'San Francisco-Oakland-Hayward, CA', '2', '691'], ['2', 'Portland-South Portland, ME', '1', '665']]);
        assert.deepEqual(await dataTable(page, 'active-users'),
          [['1', 'Chloe Cuevas (49)', 'paid', '689'], ['2', 'Tegan Levine (80)', 'paid', '665']]);
        assert.deepEqual(await dataTable(page, 'user-agents'),
          [['Chrome', 'Mac OS X', '16', '1,408'], ['Firefox', 'Windows', '9', '1,226']]);
      });
      await page.locator('#analytics-as-of', { hasText: '319 of 6,820 songplays matched a song.' }).waitFor();
      const longTitle = page.locator('#chart-top-songs svg .axis-label').nth(2);
      assert.match(await longTitle.textContent(), /…/);
      assert.match(await longTitle.locator('title').textContent(), /^Catch You Baby \(Steve Pitron & Max Sanna Radio Edit\)/);
      await page.locator('#chart-levels summary').click();
      await page.locator('#charts').screenshot({ path: join(SCREENSHOTS, '06-analytics-contract.png') });
    } finally {
      await page.unrouteAll();
      await page.getByRole('button', { name: 'Apply' }).click();
    }
  });

  test('renders a running job live: progress, ETA and cancel (stubbed job status)', async () => {
    // A real run over six files ends in under a second, too fast to look at mid-way; this test answers
    // the two status polls with a running snapshot instead.
    const running = runningSnapshot();
    await page.route(/\/jobs\?limit=/, async (route) => {
      const jobs = await route.fetch().then((r) => r.json());
      await route.fulfill({ json: [running, ...jobs] });
    });
    await page.route(`**/etl/runs/${running.id}`, (route) => route.fulfill({ json: running }));
    try {
      await page.locator(`#current-job[data-job-id="${running.id}"]`).waitFor();
      assert.equal(await page.locator('#progress-percent').innerText(), '42%');
      assert.equal(await page.locator('#progress-bar').getAttribute('aria-valuetext'), '42%');
      assert.equal(await page.locator('#fact-objects').innerText(), '5 of 12');
      assert.equal(await page.locator('#fact-eta').innerText(), 'about 3.2 s');
      assert.equal(await page.locator('#fact-rows').innerText(), 'staging_songs 4');
      assert.ok(await page.getByRole('button', { name: 'Cancel run' }).isVisible());
      assert.ok(await page.getByRole('button', { name: 'Start ETL run' }).isDisabled());
      await page.locator('#current-job').screenshot({ path: join(SCREENSHOTS, '07-run-in-progress.png') });
    } finally {
      await page.unrouteAll();
    }
    await page.locator('#current-job[data-status="SUCCEEDED"]').waitFor();
  });

  test('is accessible: landmarks, labels, named charts and AA contrast in light and dark mode', async () => {
    const structure = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      h1: document.querySelectorAll('h1').length,
      unlabelledInputs: [...document.querySelectorAll('input')].filter((i) => i.labels.length === 0).map((i) => i.id),
      unnamedButtons: [...document.querySelectorAll('button')].filter((b) => !b.textContent.trim()).length,
      charts: [...document.querySelectorAll('svg.bar-chart')].map((chart) => ({
        role: chart.getAttribute('role'),
        name: (chart.getAttribute('aria-labelledby') ?? '').split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim(),
      })),
      tablesWithoutCaption: [...document.querySelectorAll('table')].filter((t) => !t.caption).length,
    }));
    assert.equal(structure.lang, 'en');
    assert.equal(structure.h1, 1);
    assert.deepEqual(structure.unlabelledInputs, []);
    assert.equal(structure.unnamedButtons, 0);
    assert.ok(structure.charts.length >= 1);
    for (const chart of structure.charts) {
      assert.equal(chart.role, 'img');
      assert.ok(chart.name.length > 10, `chart named "${chart.name}"`);
    }
    assert.equal(structure.tablesWithoutCaption, 0);
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      assert.deepEqual(await lowContrastText(page), [], `${scheme} mode`);
    }
    await shoot(page, '08-dark-mode');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('loads nothing from outside the service and throws no script errors', () => {
    assert.deepEqual(foreignRequests, []);
    assert.deepEqual(pageErrors, []);
  });
});

async function shoot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Retries an assertion until it passes or the wait is over; the page polls, so values settle. */
async function eventually(assertion, timeout = WAIT_MS) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => { setTimeout(done, 200); });
    }
  }
}

/** The cells of a chart's data table, as text. */
function dataTable(page, key) {
  return page.$$eval(`#chart-${key} table.data-table tbody tr`,
    (rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent.trim())));
}

async function tableCounts(page) {
  const rows = await dataTable(page, 'table-counts');
  return Object.fromEntries(rows.map(([table, , count]) => [table, Number(count.replaceAll(',', ''))]));
}

function nonZero(rows) {
  return rows.filter((row) => row.at(-1) !== '0');
}

function sorted(rows) {
  return [...rows].sort((a, b) => a[0].localeCompare(b[0]));
}

/** Notes every job id and status the current-job card shows, from now on. */
async function recordJobStates(page) {
  await page.evaluate(() => {
    const card = document.getElementById('current-job');
    window.jobStatesSeen = [];
    new MutationObserver(() => {
      const state = `${card.dataset.jobId}:${card.dataset.status}`;
      if (window.jobStatesSeen.at(-1) !== state) window.jobStatesSeen.push(state);
    }).observe(card, { attributes: true, attributeFilter: ['data-status', 'data-job-id'] });
  });
}

/** Answers as the issue specifies them, with numbers of the size the Udacity data gives. */
function contractAnswers() {
  const songs = [
    ["You're The One", 'Dwight Yoakam', 37], ["I CAN'T GET STARTED", 'Ron Carter', 9],
    ['Catch You Baby (Steve Pitron & Max Sanna Radio Edit)', 'Lonnie Gordon', 9],
    ["Nothin' On You [feat. Bruno Mars] (Album Version)", 'B.o.B', 8],
    ["Hey Daddy (Daddy's Home)", 'Usher', 6], ['Make Her Say', 'Kid Cudi / Kanye West / Common', 5],
    ['Up Up & Away', 'Kid Cudi / Kanye West / Common', 5], ['Unwell (Album Version)', 'matchbox twenty', 4],
    ['Supermassive Black Hole (Album Version)', 'Muse', 4], ['Mr. Jones', 'Counting Crows', 4],
  ];
  const hours = [155, 154, 117, 109, 136, 162, 183, 179, 207, 270, 312, 336, 308, 324, 432, 477, 542, 510, 498,
    367, 302, 267, 200, 217];
  const weekdays = [1014, 1071, 1364, 1052, 1295, 628, 396];
  return {
    'top-songs': songs.map(([title, artist, plays], i) => ({ rank: i + 1, songId: `SO${i}`, title, artist, plays })),
    'top-artists': [['Dwight Yoakam', 37], ['Kid Cudi / Kanye West / Common', 10], ['Ron Carter', 9],
      ['Lonnie Gordon', 9], ['B.o.B', 8]].map(([artist, plays], i) => ({ rank: i + 1, artistId: `AR${i}`, artist, plays })),
    'plays-by-hour': hours.map((plays, hour) => ({ hour, plays })),
    'plays-by-weekday': weekdays.map((plays, i) => ({ weekday: i + 1, plays })),
    levels: [{ level: 'free', users: 82, plays: 1229 }, { level: 'paid', users: 22, plays: 5591 }],
    'top-locations': [['San Francisco-Oakland-Hayward, CA', 2, 691], ['Portland-South Portland, ME', 1, 665]]
      .map(([location, users, plays], i) => ({ rank: i + 1, location, users, plays })),
    'active-users': [{ rank: 1, userId: 49, firstName: 'Chloe', lastName: 'Cuevas', level: 'paid', plays: 689 },
      { rank: 2, userId: 80, firstName: 'Tegan', lastName: 'Levine', level: 'paid', plays: 665 }],
    'user-agents': [{ browser: 'Chrome', os: 'Mac OS X', users: 16, plays: 1408 },
      { browser: 'Firefox', os: 'Windows', users: 9, plays: 1226 }],
    summary: [{ songplays: 6820, songplaysWithSong: 319, lastRunId: 'run-1', lastRunFinishedAt: '2018-12-01T09:01:04Z' }],
  };
}

function runningSnapshot() {
  const now = Date.now();
  return {
    id: '00000000-0000-4000-8000-000000000042',
    type: 'ETL_RUN',
    status: 'RUNNING',
    createdAt: new Date(now - 2400).toISOString(),
    startedAt: new Date(now - 2300).toISOString(),
    durationMs: 2300,
    steps: [
      { name: 'list_sources', status: 'SUCCEEDED', durationMs: 40, rows: 12 },
      { name: 'stage_songs', status: 'SUCCEEDED', durationMs: 900, rows: 4 },
      { name: 'stage_events', status: 'RUNNING' },
    ],
    progress: {
      objectsListed: 12, objectsDone: 5, bytesListed: 2_400_000, bytesDone: 1_020_000,
      rowsStaged: { staging_songs: 4 }, percent: 42.5, etaMs: 3200,
    },
    loadErrors: [],
    loadErrorCount: 0,
  };
}

/**
 * Every element with its own visible text whose colour against the background behind it falls below
 * WCAG AA: 4.5:1, or 3:1 for large text. Disabled controls are exempt, as WCAG has it.
 */
function lowContrastText(page) {
  return page.evaluate(() => {
    const parse = (color) => {
      const [r, g, b, a = 1] = color.match(/[\d.]+/g).map(Number);
      return { r, g, b, a };
    };
    const luminance = ({ r, g, b }) => {
      const channel = (v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const background = (element) => {
      for (let e = element; e; e = e.parentElement) {
        const color = parse(getComputedStyle(e).backgroundColor);
        if (color.a > 0.5) return color;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const failures = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const checked = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!node.textContent.trim() || checked.has(element)) continue;
      checked.add(element);
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || element.closest('[disabled], .visually-hidden, caption')) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden') continue;
      const foreground = parse(element instanceof SVGElement ? style.fill : style.color);
      const [light, dark] = [luminance(foreground), luminance(background(element))].sort((a, b) => b - a);
      const ratio = (light + 0.05) / (dark + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) {
        failures.push(`${element.tagName.toLowerCase()} "${node.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`);
      }
    }
    return failures;
  });
}
