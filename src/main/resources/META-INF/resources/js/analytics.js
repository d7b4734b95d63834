/**
 * The analytics section: a from/to filter and one card per chart, each drawn from a JSON endpoint.
 * A card that cannot be drawn says why (no data yet, warehouse not created, endpoint not on this server)
 * instead of failing the whole page.
 */

import { ApiError, getJson } from './api.js';
import { barChart } from './charts.js';
import { h, replaceChildren } from './dom.js';
import { formatNumber, formatTime } from './format.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** What each card shows and where its numbers come from. */
const CHARTS = [
  {
    key: 'top-songs',
    title: 'Top songs',
    note: 'Plays of songs matched to the catalog',
    path: 'analytics/top-songs',
    filtered: true,
    limited: true,
    unit: 'plays',
    items: (rows) => rows.map((r) => ({ label: `${r.title} — ${r.artist}`, value: r.plays })),
    table: {
      columns: [{ label: 'Rank' }, { label: 'Song' }, { label: 'Artist' }, { label: 'Plays', numeric: true }],
      row: (r) => [String(r.rank), r.title, r.artist, r.plays],
    },
  },
  {
    key: 'top-artists',
    title: 'Top artists',
    note: 'Plays of matched songs, by artist',
    path: 'analytics/top-artists',
    filtered: true,
    limited: true,
    unit: 'plays',
    items: (rows) => rows.map((r) => ({ label: r.artist, value: r.plays })),
    table: {
      columns: [{ label: 'Rank' }, { label: 'Artist' }, { label: 'Plays', numeric: true }],
      row: (r) => [String(r.rank), r.artist, r.plays],
    },
  },
  {
    key: 'plays-by-hour',
    title: 'Plays by hour',
    note: 'Hour of the day the play started, UTC',
    path: 'analytics/plays-by-hour',
    filtered: true,
    orientation: 'vertical',
    unit: 'plays',
    items: (rows) => fill(rows, 24, (i) => i, 'hour').map((r) => ({ label: String(r.hour), value: r.plays })),
    table: {
      columns: [{ label: 'Hour (UTC)' }, { label: 'Plays', numeric: true }],
      row: (r) => [`${String(r.hour).padStart(2, '0')}:00`, r.plays],
      rows: (rows) => fill(rows, 24, (i) => i, 'hour'),
    },
  },
  {
    key: 'plays-by-weekday',
    title: 'Plays by weekday',
    note: 'Day of the week the play started, UTC',
    path: 'analytics/plays-by-weekday',
    filtered: true,
    orientation: 'vertical',
    unit: 'plays',
    items: (rows) => fill(rows, 7, (i) => i + 1, 'weekday')
      .map((r) => ({ label: WEEKDAYS[r.weekday - 1].slice(0, 3), value: r.plays })),
    table: {
      columns: [{ label: 'Weekday' }, { label: 'Plays', numeric: true }],
      row: (r) => [WEEKDAYS[r.weekday - 1] ?? String(r.weekday), r.plays],
      rows: (rows) => fill(rows, 7, (i) => i + 1, 'weekday'),
    },
  },
  {
    key: 'levels',
    title: 'Free and paid',
    note: 'Plays by the level at the time of the play',
    path: 'analytics/levels',
    filtered: true,
    unit: 'plays',
    items: (rows) => rows.map((r) => ({
      label: `${r.level} (${formatNumber(r.users)} ${r.users === 1 ? 'user' : 'users'})`, value: r.plays,
    })),
    table: {
      columns: [{ label: 'Level' }, { label: 'Users', numeric: true }, { label: 'Plays', numeric: true }],
      row: (r) => [r.level, r.users, r.plays],
    },
  },
  {
    key: 'top-locations',
    title: 'Top locations',
    note: 'Plays by the location the app reported',
    path: 'analytics/top-locations',
    filtered: true,
    limited: true,
    unit: 'plays',
    items: (rows) => rows.map((r) => ({ label: r.location, value: r.plays })),
    table: {
      columns: [{ label: 'Rank' }, { label: 'Location' }, { label: 'Users', numeric: true },
        { label: 'Plays', numeric: true }],
      row: (r) => [String(r.rank), r.location, r.users, r.plays],
    },
  },
  {
    key: 'active-users',
    title: 'Most active users',
    note: 'Plays per user; the level is the user’s latest',
    path: 'analytics/active-users',
    filtered: true,
    limited: true,
    unit: 'plays',
    items: (rows) => rows.map((r) => ({ label: userName(r), value: r.plays })),
    table: {
      columns: [{ label: 'Rank' }, { label: 'User' }, { label: 'Level' }, { label: 'Plays', numeric: true }],
      row: (r) => [String(r.rank), userName(r), r.level ?? '', r.plays],
    },
  },
  {
    key: 'user-agents',
    title: 'Browsers and systems',
    note: 'Plays by browser and operating system family',
    path: 'analytics/user-agents',
    filtered: true,
    unit: 'plays',
    items: (rows) => rows.map((r) => ({ label: `${r.browser} / ${r.os}`, value: r.plays })),
    table: {
      columns: [{ label: 'Browser' }, { label: 'System' }, { label: 'Users', numeric: true },
        { label: 'Plays', numeric: true }],
      row: (r) => [r.browser, r.os, r.users, r.plays],
    },
  },
  {
    key: 'table-counts',
    title: 'Table counts',
    note: 'Rows in every warehouse table (not filtered)',
    path: 'schema',
    showZeros: true,
    unit: 'rows',
    items: (rows) => rows.map((r) => ({ label: r.name, value: r.rows })),
    table: {
      columns: [{ label: 'Table' }, { label: 'Kind' }, { label: 'Rows', numeric: true }],
      row: (r) => [r.name, r.kind ?? '', r.rows],
    },
  },
];

/** Wires the filter form and the chart cards inside section; call reload() after the warehouse changed. */
export function createAnalytics(section) {
  const form = section.querySelector('#filter-form');
  const message = section.querySelector('#filter-message');
  const cards = new Map(CHARTS.map((chart) => [chart.key, chartCard(chart)]));
  replaceChildren(section.querySelector('#charts'), [...cards.values()].map((card) => card.element));
  const asOf = h('p', { class: 'as-of', id: 'analytics-as-of' });
  section.querySelector('#analytics-heading').after(asOf);
  let loading = null;

  readFilterFromUrl(form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    reload();
  });
  section.querySelector('#filter-clear').addEventListener('click', () => {
    form.elements.from.value = '';
    form.elements.to.value = '';
    reload();
  });

  function reload() {
    const filter = readFilter(form);
    if (filter.error) {
      message.textContent = filter.error;
      return;
    }
    message.textContent = describeFilter(filter);
    writeFilterToUrl(filter);
    loading?.abort();
    loading = new AbortController();
    for (const chart of CHARTS) load(chart, cards.get(chart.key), filter, loading.signal);
    showAsOf(asOf, loading.signal);
  }

  return { reload, start: reload };
}

function chartCard(chart) {
  const body = h('div', { class: 'chart-body' });
  const element = h('article', { class: 'card chart-card', id: `chart-${chart.key}`,
    'aria-labelledby': `chart-${chart.key}-heading`, dataset: { state: 'loading' } },
  h('h3', { id: `chart-${chart.key}-heading` }, chart.title),
  h('p', { class: 'chart-note' }, chart.note),
  body);
  return { element, body };
}

async function load(chart, card, filter, signal) {
  const params = {};
  if (chart.filtered) Object.assign(params, { from: filter.from, to: filter.to });
  if (chart.limited) params.limit = filter.limit;
  setState(card, 'loading', 'Loading…');
  try {
    const rows = await getJson(chart.path, params, { signal });
    if (signal.aborted) return;
    draw(chart, card, Array.isArray(rows) ? rows : []);
  } catch (error) {
    if (signal.aborted || error.name === 'AbortError') return;
    explain(card, error);
  }
}

function draw(chart, card, rows) {
  const items = chart.items(rows);
  const nothing = items.length === 0 || (!chart.showZeros && items.every((item) => !item.value));
  if (nothing) {
    setState(card, 'empty', chart.filtered
      ? 'No data yet for these days. Run the ETL, or widen the filter.'
      : 'No data yet: reset the schema and run the ETL.');
    return;
  }
  const tableRows = (chart.table.rows ?? ((r) => r))(rows).map(chart.table.row);
  const figure = barChart({
    name: chart.title,
    items,
    orientation: chart.orientation ?? 'horizontal',
    unit: chart.unit,
    table: { columns: chart.table.columns, rows: tableRows },
  });
  card.element.dataset.state = 'ready';
  replaceChildren(card.body, figure);
}

function explain(card, error) {
  if (error instanceof ApiError && error.status === 401) {
    setState(card, 'error', 'This server shows data only with the API token: enter it under Actions, then Apply.');
  } else if (error instanceof ApiError && error.status === 404) {
    setState(card, 'unavailable', 'No data yet: this server does not offer this chart.');
  } else if (error instanceof ApiError && error.status === 409) {
    setState(card, 'empty', 'No data yet: the warehouse has not been created. Reset the schema, then run the ETL.');
  } else if (error instanceof ApiError && error.status === 400) {
    setState(card, 'error', `The filter was refused: ${error.message}`);
  } else {
    setState(card, 'error', `Could not load this chart: ${error.message}`);
  }
}

function setState(card, state, text) {
  card.element.dataset.state = state;
  replaceChildren(card.body, h('p', { class: `chart-message ${state}` }, text));
}

/** Names the run whose data the charts show, when the summary endpoint says so. */
async function showAsOf(target, signal) {
  try {
    const answer = await getJson('analytics/summary', {}, { signal });
    // Like every analytics answer, the summary may come as an array of rows; its one row is the summary.
    const summary = Array.isArray(answer) ? answer[0] : answer;
    const finished = summary?.lastRunFinishedAt ?? summary?.lastRun?.finishedAt;
    // The analysts' key figure: only plays matched to a catalog song count in the song and artist rankings.
    const matched = Number.isFinite(summary?.songplaysWithSong) && Number.isFinite(summary?.songplays)
      ? ` ${formatNumber(summary.songplaysWithSong)} of ${formatNumber(summary.songplays)} songplays matched a song.`
      : '';
    target.textContent = finished ? `Data loaded by the ETL run that finished ${formatTime(finished)}.${matched}` : '';
  } catch {
    // Optional line: without the summary endpoint the charts speak for themselves.
    if (!signal.aborted) target.textContent = '';
  }
}

/** "Chloe Cuevas (49)": names as the users table has them, the id for the ones without. */
function userName(r) {
  const name = [r.firstName, r.lastName].filter(Boolean).join(' ');
  return name ? `${name} (${r.userId})` : `User ${r.userId}`;
}

/** The endpoints leave out empty hours and days; the axis should not. */
function fill(rows, count, keyAt, field) {
  const byKey = new Map(rows.map((r) => [r[field], r]));
  return Array.from({ length: count }, (_, i) => byKey.get(keyAt(i)) ?? { [field]: keyAt(i), plays: 0 });
}

function readFilter(form) {
  const from = form.elements.from.value;
  const to = form.elements.to.value;
  const limit = Number(form.elements.limit.value || 10);
  if (from && to && from > to) return { error: '“From” must not be after “To”.' };
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return { error: '“Top” must be a whole number from 1 to 100.' };
  return { from, to, limit };
}

function describeFilter({ from, to }) {
  if (from && to) return `Showing plays from ${from} to ${to}.`;
  if (from) return `Showing plays from ${from} on.`;
  if (to) return `Showing plays up to ${to}.`;
  return 'Showing plays of all days.';
}

/** The filter lives in the address, so a filtered view can be bookmarked or shared. */
function readFilterFromUrl(form) {
  const query = new URLSearchParams(window.location.search);
  for (const name of ['from', 'to', 'limit']) {
    if (query.has(name)) form.elements[name].value = query.get(name);
  }
}

function writeFilterToUrl({ from, to, limit }) {
  const query = new URLSearchParams(window.location.search);
  const values = { from, to, limit: limit === 10 ? '' : String(limit) };
  for (const [name, value] of Object.entries(values)) {
    if (value) query.set(name, value);
    else query.delete(name);
  }
  const search = query.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`);
}
