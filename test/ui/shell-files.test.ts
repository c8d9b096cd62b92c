// The static shell: index.html wiring and the stylesheet's colour contrast, focus and motion rules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const css = readFileSync(join(root, 'src/ui/styles.css'), 'utf8');
const html = readFileSync(join(root, 'index.html'), 'utf8');

/** The :root custom properties that hold a hex colour. */
function colours(): Record<string, string> {
  const block = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1] as string, m[2] as string]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('shell files', () => {
  it('styles.css text colours reach 4.5:1 on the backgrounds they are used on', () => {
    const c = colours();
    const pairs: [string, string][] = [
      [c['fg']!, c['bg']!], [c['muted']!, c['bg']!], [c['muted']!, c['surface']!], ['#ffffff', c['primary']!], ['#ffffff', c['danger']!],
      [c['primary']!, c['bg']!], [c['primary']!, c['primary-soft']!], [c['danger']!, c['bg']!], [c['ok']!, c['bg']!],
      [c['warn-fg']!, c['warn-bg']!], ['#5c0b0e', c['danger-soft']!], [c['muted']!, '#e9edf0'], ['#134321', '#e8f3eb'], [c['fg']!, c['surface']!],
    ];
    for (const [fg, bg] of pairs) expect(contrast(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c['control-line']!, c['bg']!)).toBeGreaterThanOrEqual(3);
  });

  it('styles.css keeps a visible focus ring, 48 px targets and honours reduced motion', () => {
    expect(css).toMatch(/:focus-visible\s*\{[^}]*outline:\s*3px solid/);
    expect(css).toContain('--target: 3rem');
    expect(css).toContain('@media (prefers-reduced-motion: reduce)');
  });

  it('index.html loads the UI as a module and carries the app shell metadata', () => {
    expect(html).toContain('<script type="module" src="/src/ui/main.ts"></script>');
    expect(html).toContain('<title>OpenMRS Sync</title>');
    expect(html).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1/);
    expect(html).toContain('<meta name="theme-color" content="#00557a">');
    expect(html).toContain('<noscript>');
    expect(html).toContain('<div id="app">');
  });
});
