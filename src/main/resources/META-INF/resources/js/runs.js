/**
 * The runs section: the current (or latest) job with its progress, the recent history, and the actions
 * that change the warehouse. It polls the job list, fast while a job is active and slowly otherwise, so a
 * run started elsewhere (curl, Swagger UI) shows up too.
 */

import { ApiError, apiToken, getJson, send } from './api.js';
import { h, replaceChildren } from './dom.js';
import {
  formatBytes, formatDuration, formatNumber, formatTime, jobTypeLabel, statusLabel,
} from './format.js';

const ACTIVE = new Set(['QUEUED', 'RUNNING']);
const FAST_POLL_MS = 1000;
const SLOW_POLL_MS = 5000;
const HISTORY_LIMIT = 20;

/** Wires the runs section; onWarehouseChanged runs after a job that changed the data succeeded. */
export function createRuns(section, { onWarehouseChanged }) {
  const ui = elements(section);
  let timer = null;
  let lastSeen = null;
  let shownJob = null;

  ui.token.value = apiToken.get();
  ui.token.addEventListener('input', () => apiToken.set(ui.token.value.trim()));
  ui.tokenForm.addEventListener('submit', (event) => event.preventDefault());
  ui.forget.addEventListener('click', () => {
    apiToken.set('');
    ui.token.value = '';
    say('The token is forgotten.');
  });
  ui.start.addEventListener('click', () => act('etl/runs', 'POST', 'ETL run started.'));
  ui.reset.addEventListener('click', () => {
    const sure = window.confirm('Reset the schema? Every staging and star table is dropped and created '
      + 'empty; the analytics show no data until the next ETL run.');
    if (sure) act('schema/reset', 'POST', 'Schema reset started.');
  });
  ui.cancel.addEventListener('click', () => {
    if (shownJob) act(`etl/runs/${encodeURIComponent(shownJob.id)}`, 'DELETE', 'Cancellation requested.');
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) refresh();
  });

  /** Sends a change request; on success shows the job it started and polls it. */
  async function act(path, method, done) {
    if (!apiToken.get()) {
      say('Enter the API token first.', 'error');
      ui.token.focus();
      return;
    }
    try {
      const job = await send(method, path);
      say(done, 'ok');
      showJob(job);
    } catch (error) {
      handleActionError(error);
    }
    refresh();
  }

  function handleActionError(error) {
    if (error instanceof ApiError && error.status === 401) {
      apiToken.set('');
      say('The API token was refused. Check it and enter it again.', 'error');
      ui.token.select();
      ui.token.focus();
    } else if (error instanceof ApiError && error.status === 409) {
      say(`Another job is still running (${error.problem.jobId ?? 'see below'}); wait for it to finish.`, 'error');
    } else {
      say(`That did not work: ${error.message}`, 'error');
    }
  }

  /** One poll: the history, then the active job's own status (that is where the live progress is). */
  async function refresh() {
    clearTimeout(timer);
    try {
      const jobs = await getJson('jobs', { limit: HISTORY_LIMIT });
      const active = jobs.find((job) => ACTIVE.has(job.status));
      const current = active ? await getJson(statusPath(active)) : jobs[0];
      // The status read second is the fresher one: it may already have finished.
      const fresh = jobs.map((job) => (job.id === current.id ? current : job));
      renderHistory(ui, fresh);
      noticeFinish(fresh[0]);
      showJob(current);
    } catch (error) {
      ui.summary.textContent = error instanceof ApiError && error.status === 401
        ? 'This server shows jobs only with the API token: enter it under Actions.'
        : `Cannot load the jobs: ${error.message}`;
    }
    await refreshSchedule();
    const busy = shownJob && ACTIVE.has(shownJob.status);
    timer = setTimeout(refresh, busy && !document.hidden ? FAST_POLL_MS : SLOW_POLL_MS);
  }

  /**
   * Jobs that change the warehouse run one at a time, so the newest job turning SUCCEEDED means new data,
   * whoever started it.
   */
  function noticeFinish(newest) {
    const seen = newest ? `${newest.id}:${newest.status}` : '';
    if (lastSeen !== null && seen !== lastSeen && newest?.status === 'SUCCEEDED') onWarehouseChanged();
    lastSeen = seen;
  }

  /** The next scheduled run, read on every poll: a firing may just have started a run or skipped one. */
  async function refreshSchedule() {
    try {
      renderSchedule(ui, await getJson('etl/schedule'));
    } catch (error) {
      replaceChildren(ui.schedule, `Schedule: cannot be read (${error.message}).`);
    }
  }

  function showJob(job) {
    shownJob = job ?? null;
    renderCurrent(ui, shownJob);
    const busy = Boolean(job) && ACTIVE.has(job.status);
    ui.start.disabled = busy;
    ui.reset.disabled = busy;
    ui.cancel.hidden = !(busy && job.type === 'ETL_RUN');
  }

  function say(text, kind = '') {
    ui.message.textContent = text;
    ui.message.dataset.kind = kind;
  }

  return { start: refresh };
}

function statusPath(job) {
  const id = encodeURIComponent(job.id);
  return job.type === 'ETL_RUN' ? `etl/runs/${id}` : `jobs/${id}`;
}

function elements(section) {
  const byId = (id) => section.querySelector(`#${id}`);
  return {
    summary: byId('job-summary'),
    progress: byId('job-progress'),
    caption: byId('progress-caption'),
    bar: byId('progress-bar'),
    percent: byId('progress-percent'),
    objects: byId('fact-objects'),
    bytes: byId('fact-bytes'),
    rows: byId('fact-rows'),
    elapsed: byId('fact-elapsed'),
    eta: byId('fact-eta'),
    error: byId('job-error'),
    details: byId('job-details'),
    detailsBody: byId('job-details-body'),
    tokenForm: byId('token-form'),
    token: byId('api-token'),
    forget: byId('forget-token'),
    start: byId('start-run'),
    reset: byId('reset-schema'),
    cancel: byId('cancel-run'),
    message: byId('action-message'),
    history: byId('history-body'),
    schedule: byId('schedule-summary'),
  };
}

function renderCurrent(ui, job) {
  const card = ui.summary.closest('article');
  card.dataset.status = job?.status ?? 'NONE';
  card.dataset.jobId = job?.id ?? '';
  if (!job) {
    replaceChildren(ui.summary, 'No jobs yet. Reset the schema, then start an ETL run.');
    ui.progress.hidden = true;
    ui.error.hidden = true;
    ui.details.hidden = true;
    return;
  }
  const active = ACTIVE.has(job.status);
  replaceChildren(ui.summary,
    h('strong', {}, jobTypeLabel(job.type)), ' ', statusBadge(job.status), ' ',
    job.trigger === 'schedule' ? [triggerBadge(job), ' '] : null,
    active ? `started ${formatTime(job.startedAt ?? job.createdAt)}`
      : `finished ${formatTime(job.finishedAt ?? job.createdAt)}`,
    h('span', { class: 'job-id' }, `id ${job.id}`));
  renderProgress(ui, job);
  ui.error.hidden = !job.error;
  ui.error.textContent = job.error ? `Error: ${job.error}` : '';
  renderDetails(ui, job);
}

function renderSchedule(ui, schedule) {
  ui.schedule.dataset.enabled = String(Boolean(schedule.enabled));
  if (!schedule.enabled) {
    replaceChildren(ui.schedule, 'Schedule: none. Runs start only on request (set ',
      h('code', {}, 'sparkify.etl.schedule'), ' to schedule them).');
    return;
  }
  const skipped = Object.values(schedule.skipped ?? {}).reduce((sum, n) => sum + n, 0);
  replaceChildren(ui.schedule, 'Next scheduled run: ',
    h('strong', { id: 'schedule-next' }, formatTime(schedule.nextFireAt)),
    ` (${schedule.mode}, `, h('code', {}, schedule.cron), ').',
    schedule.lastOutcome ? ` Last firing ${formatTime(schedule.lastFiredAt)}: ${lastFiring(schedule)}.` : '',
    skipped ? ` ${formatNumber(skipped)} skipped since the service started.` : '');
}

function lastFiring(schedule) {
  if (schedule.lastOutcome === 'skipped') return `skipped (${schedule.lastSkipReason.replaceAll('-', ' ')})`;
  if (schedule.lastOutcome === 'failed') return `could not start: ${schedule.lastDetail}`;
  return 'started a run';
}

function triggerBadge(job) {
  return job.trigger === 'schedule' ? h('span', { class: 'badge trigger-schedule' }, 'scheduled') : null;
}

function renderProgress(ui, job) {
  const progress = job.progress;
  ui.progress.hidden = !progress;
  if (!progress) return;
  const running = ACTIVE.has(job.status);
  let percent = Math.max(0, Math.min(100, progress.percent ?? 0));
  if (job.status === 'SUCCEEDED') percent = 100;
  // Never claim 100% while work is left: rounding 99.6 up would.
  const shown = running ? Math.min(99, Math.floor(percent)) : Math.round(percent);
  ui.bar.value = percent;
  ui.bar.setAttribute('aria-valuetext', `${shown}%`);
  ui.percent.textContent = `${shown}%`;
  ui.caption.textContent = `${jobTypeLabel(job.type)} progress`;
  ui.objects.textContent = `${formatNumber(progress.objectsDone)} of ${formatNumber(progress.objectsListed)}`;
  ui.bytes.textContent = `${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesListed)}`;
  ui.rows.textContent = rowsStaged(progress.rowsStaged);
  ui.elapsed.textContent = formatDuration(job.durationMs);
  ui.eta.textContent = running ? etaText(progress.etaMs) : 'done';
}

function rowsStaged(rows) {
  const entries = Object.entries(rows ?? {});
  if (entries.length === 0) return '–';
  return entries.map(([table, count]) => `${table} ${formatNumber(count)}`).join(', ');
}

function etaText(ms) {
  return ms === null || ms === undefined ? 'estimating…' : `about ${formatDuration(ms)}`;
}

function renderDetails(ui, job) {
  const parts = [];
  if (job.steps?.length) parts.push(stepsTable(job.steps));
  if (job.checks?.length) parts.push(checksList(job.checks));
  if (job.loadErrorCount) parts.push(loadErrors(job));
  ui.details.hidden = parts.length === 0;
  replaceChildren(ui.detailsBody, parts);
}

function stepsTable(steps) {
  return h('table', { class: 'steps' },
    h('caption', {}, 'Steps'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Step'), h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col', class: 'num' }, 'Rows'), h('th', { scope: 'col', class: 'num' }, 'Duration'))),
    h('tbody', {}, steps.map((step) => h('tr', {},
      h('th', { scope: 'row' }, step.name.replaceAll('_', ' ')),
      h('td', {}, statusBadge(step.status)),
      h('td', { class: 'num' }, formatNumber(step.rows)),
      h('td', { class: 'num' }, formatDuration(step.durationMs))))));
}

/** Failed checks in plain sight; the full list (a run has a dozen or more) one click away. */
function checksList(checks) {
  const failed = checks.filter((check) => !check.passed);
  return h('div', { class: 'checks' },
    h('h4', {}, `Data-quality checks: ${checks.length - failed.length} passed, ${failed.length} failed`),
    failed.length ? checkItems(failed) : null,
    h('details', {}, h('summary', {}, `All ${checks.length} checks`), checkItems(checks)));
}

function checkItems(checks) {
  return h('ul', {}, checks.map((check) => h('li', { class: check.passed ? 'passed' : 'failed' },
    h('span', { class: 'check-mark', 'aria-hidden': 'true' }, check.passed ? '✓' : '✗'),
    h('span', { class: 'visually-hidden' }, check.passed ? 'Passed: ' : 'Failed: '),
    check.name.replaceAll('_', ' '), check.detail ? ` — ${check.detail}` : '')));
}

function loadErrors(job) {
  const shown = (job.loadErrors ?? []).slice(0, 10);
  return h('div', { class: 'load-errors' },
    h('h4', {}, `Load errors: ${formatNumber(job.loadErrorCount)}`),
    h('ul', {}, shown.map((e) => h('li', {},
      h('code', {}, `${e.object}:${e.line}`), ` ${e.column ? `${e.column}: ` : ''}${e.reason}`))),
    job.loadErrorCount > shown.length ? h('p', { class: 'help' }, 'The full list is in the run\'s JSON.') : null);
}

function renderHistory(ui, jobs) {
  if (jobs.length === 0) {
    replaceChildren(ui.history, h('tr', {}, h('td', { colspan: 6, class: 'empty' }, 'No jobs yet.')));
    return;
  }
  replaceChildren(ui.history, jobs.map((job) => h('tr', { dataset: { jobId: job.id, status: job.status } },
    h('td', {}, formatTime(job.startedAt ?? job.createdAt)),
    h('td', {}, h('span', { title: `id ${job.id}` }, jobTypeLabel(job.type)),
      job.trigger === 'schedule' ? [' ', triggerBadge(job)] : null),
    h('td', {}, statusBadge(job.status)),
    h('td', { class: 'num' }, formatDuration(job.durationMs)),
    h('td', { class: 'num' }, formatNumber(job.tableCounts?.songplays)),
    h('td', { class: 'errors' }, errorText(job)))));
}

function errorText(job) {
  const parts = [];
  if (job.error) parts.push(job.error);
  if (job.loadErrorCount) parts.push(`${formatNumber(job.loadErrorCount)} load errors`);
  const failedChecks = (job.checks ?? []).filter((check) => !check.passed).length;
  if (failedChecks) parts.push(`${failedChecks} failed checks`);
  return parts.length ? parts.join('; ') : '–';
}

function statusBadge(status) {
  return h('span', { class: `badge status-${String(status).toLowerCase()}` }, statusLabel(status));
}
