/**
 * Tiny helpers that build DOM and SVG nodes from data. Text always goes in as text nodes, never as
 * HTML, so nothing the API returns (song titles, error messages) can inject markup.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An HTML element: h('td', { class: 'num' }, '42'). */
export function h(tag, props = {}, ...children) {
  return build(document.createElement(tag), props, children);
}

/** An SVG element with the same calling convention as h(). */
export function svg(tag, props = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

/** Replaces every child of parent with the given nodes. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren(...flatten(children));
  return parent;
}

function build(element, props, children) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') element.setAttribute('class', value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  element.append(...flatten(children));
  return element;
}

function flatten(children) {
  return children.flat(Infinity)
    .filter((child) => child !== null && child !== undefined && child !== false)
    .map((child) => (child instanceof Node ? child : document.createTextNode(String(child))));
}
