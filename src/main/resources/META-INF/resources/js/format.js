/**
 * Formatting of numbers, sizes, durations, times and the API's enum values for people.
 */

const numbers = new Intl.NumberFormat('en');
const times = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });

export function formatNumber(value) {
  return value === null || value === undefined ? '–' : numbers.format(value);
}

export function formatBytes(bytes) {
  if (bytes === null || bytes === undefined) return '–';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** 850 ms, 4.2 s, 3 min 5 s, 1 h 2 min. */
export function formatDuration(ms) {
  if (ms === null || ms === undefined) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatTime(iso) {
  return iso ? times.format(new Date(iso)) : '–';
}

/** SUCCEEDED -> Succeeded. */
export function statusLabel(status) {
  return status ? status.charAt(0) + status.slice(1).toLowerCase() : 'Unknown';
}

const JOB_TYPES = {
  ETL_RUN: 'ETL run',
  SCHEMA_RESET: 'Schema reset',
  CLUSTER_CREATE: 'Cluster create',
  CLUSTER_DELETE: 'Cluster delete',
};

export function jobTypeLabel(type) {
  return JOB_TYPES[type] ?? String(type ?? 'Job').replaceAll('_', ' ').toLowerCase();
}

/** Shortens a label to about max characters, for chart axes; the full text stays in a tooltip. */
export function truncate(text, max) {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
