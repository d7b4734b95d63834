/**
 * Accessible SVG bar charts. Each chart is an image with a title and a description that reads out every
 * value, followed by the same numbers as a data table, so nothing is only visible as a bar length.
 */

import { h, svg } from './dom.js';
import { formatNumber, truncate } from './format.js';

// About the width of a chart card on a laptop screen, so one SVG unit is close to one CSS pixel there.
const WIDTH = 560;
const FONT = 13;
const CHAR_WIDTH = 7.2;
let chartCount = 0;

/**
 * Builds a figure for spec = { name, items: [{ label, value }], orientation, unit, table }.
 * table = { columns: [{ label, numeric }], rows: [[cell, ...]] } is the data table under the chart.
 */
export function barChart(spec) {
  chartCount += 1;
  const id = `chart-${chartCount}`;
  const draw = spec.orientation === 'vertical' ? verticalBars : horizontalBars;
  const image = draw(spec.items);
  image.setAttribute('role', 'img');
  image.setAttribute('aria-labelledby', `${id}-title ${id}-desc`);
  image.prepend(
    svg('title', { id: `${id}-title` }, spec.name),
    svg('desc', { id: `${id}-desc` }, describe(spec)),
  );
  return h('figure', { class: 'chart' },
    image,
    h('details', { class: 'chart-data' },
      h('summary', {}, 'Show the numbers'),
      dataTable(spec)));
}

/** "Alpha: 2 plays; Beta: 2 plays." */
function describe({ items, unit }) {
  const parts = items.map(({ label, value }) => `${label}: ${formatNumber(value)} ${unitFor(unit, value)}`);
  return `${parts.join('; ')}.`;
}

function unitFor(unit, value) {
  if (!unit) return '';
  return value === 1 ? unit.replace(/s$/, '') : unit;
}

function dataTable({ name, table }) {
  return h('table', { class: 'data-table' },
    h('caption', {}, name),
    h('thead', {}, h('tr', {}, table.columns.map((column) =>
      h('th', { scope: 'col', class: column.numeric ? 'num' : null }, column.label)))),
    h('tbody', {}, table.rows.map((row) => h('tr', {}, row.map((cell, index) => {
      const numeric = table.columns[index].numeric;
      return h(index === 0 ? 'th' : 'td', { scope: index === 0 ? 'row' : null, class: numeric ? 'num' : null },
        numeric ? formatNumber(cell) : cell);
    })))));
}

/** One row per item, label on the left: for long names (songs, artists, tables). */
function horizontalBars(items) {
  const row = 28;
  const longest = Math.max(...items.map((item) => item.label.length));
  const labelWidth = Math.min(WIDTH * 0.45, Math.max(48, longest * CHAR_WIDTH + 12));
  const maxChars = Math.floor((labelWidth - 12) / CHAR_WIDTH);
  const valueRoom = 64;
  const top = 4;
  const height = top * 2 + items.length * row;
  const scale = scaleFor(items, WIDTH - labelWidth - valueRoom);
  const image = svg('svg', { class: 'bar-chart horizontal', viewBox: `0 0 ${WIDTH} ${height}`,
    preserveAspectRatio: 'xMinYMin meet' });
  items.forEach(({ label, value }, index) => {
    const y = top + index * row;
    const width = scale(value);
    image.append(svg('g', { class: 'bar-row', 'aria-hidden': 'true' },
      svg('text', { class: 'axis-label', x: labelWidth - 8, y: y + row / 2, 'text-anchor': 'end',
        'dominant-baseline': 'central', 'font-size': FONT },
      truncate(label, maxChars), svg('title', {}, label)),
      svg('rect', { class: 'bar', x: labelWidth, y: y + 4, width, height: row - 8, rx: 2 }),
      svg('text', { class: 'value-label', x: labelWidth + width + 6, y: y + row / 2,
        'dominant-baseline': 'central', 'font-size': FONT }, formatNumber(value))));
  });
  image.append(svg('line', { class: 'axis', x1: labelWidth, x2: labelWidth, y1: top, y2: height - top,
    'aria-hidden': 'true' }));
  return image;
}

/** One column per item along a short ordered axis: hours of the day, days of the week. */
function verticalBars(items) {
  const height = 220;
  const top = 22;
  const bottom = 26;
  const side = 8;
  const slot = (WIDTH - 2 * side) / items.length;
  const barWidth = Math.max(4, slot * 0.7);
  const scale = scaleFor(items, height - top - bottom);
  const valueFont = slot < 30 ? 10 : FONT;
  const image = svg('svg', { class: 'bar-chart vertical', viewBox: `0 0 ${WIDTH} ${height}`,
    preserveAspectRatio: 'xMinYMin meet' });
  items.forEach(({ label, value }, index) => {
    const x = side + index * slot + (slot - barWidth) / 2;
    const barHeight = scale(value);
    const base = height - bottom;
    image.append(svg('g', { class: 'bar-column', 'aria-hidden': 'true' },
      svg('rect', { class: 'bar', x, y: base - barHeight, width: barWidth, height: barHeight, rx: 2 }),
      // A zero has no bar to label; the description and the table still say 0.
      value ? svg('text', { class: 'value-label', x: x + barWidth / 2, y: base - barHeight - 5,
        'text-anchor': 'middle', 'font-size': valueFont }, formatNumber(value)) : null,
      svg('text', { class: 'axis-label', x: x + barWidth / 2, y: base + 17, 'text-anchor': 'middle',
        'font-size': valueFont + 1 }, label)));
  });
  image.append(svg('line', { class: 'axis', x1: side, x2: WIDTH - side, y1: height - bottom, y2: height - bottom,
    'aria-hidden': 'true' }));
  return image;
}

/** Linear scale from 0..max value to 0..length pixels; a non-zero value always gets a visible bar. */
function scaleFor(items, length) {
  const max = Math.max(0, ...items.map((item) => item.value));
  return (value) => {
    if (max === 0 || value <= 0) return 0;
    return Math.max(2, (value / max) * length);
  };
}
