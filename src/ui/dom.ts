/** Small DOM helpers: build elements with attributes, listeners and children; text is always set as text, never as HTML. */

/** A child of {@linkcode h}: a node, text (added as a text node), or nothing. */
export type Child = Node | string | number | null | undefined | false;

/** Attributes of {@linkcode h}: `on…` functions become listeners; `true` sets an empty attribute; false/undefined skip. */
export type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

/**
 * Creates an element. Text children become text nodes, so data never reaches the HTML parser.
 *
 * @example
 * ```ts
 * const button = h('button', { type: 'button', onclick: () => save() }, 'Save');
 * ```
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, children: Child | Child[] = []): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== undefined) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

/** Appends children (text as text nodes) to `parent`. */
export function append(parent: Node, children: Child | Child[]): void {
  for (const child of Array.isArray(children) ? children : [children]) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces every child of `parent` with `children`. */
export function replaceChildren(parent: Element, children: Child | Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/** A screen heading that takes focus on navigation (tabindex -1), so screen readers announce the new screen. */
export function heading(text: string): HTMLHeadingElement {
  return h('h1', { tabindex: -1, class: 'screen-title' }, text);
}

/** An id unique in this document, for label/description links. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
let counter = 0;

/** Runs `action` with `button` disabled and showing `busyText`; restores both afterwards. */
export async function whileBusy<T>(button: HTMLButtonElement, busyText: string, action: () => Promise<T>): Promise<T> {
  const text = button.textContent ?? '';
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = busyText;
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = text;
  }
}
