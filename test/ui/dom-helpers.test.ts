// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { confirmDialog } from '../../src/ui/confirm-dialog.ts';
import { h } from '../../src/ui/dom.ts';
import { downloadFile } from '../../src/ui/download.ts';
import { explainFailure } from '../../src/ui/explain-failure.ts';
import { formatBytes, relativeTime } from '../../src/ui/format.ts';
import { button, settle } from './_ui-kit.ts';

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('DOM helpers', () => {
  it('h() adds text as text, never as markup, and binds on… listeners', () => {
    let clicked = 0;
    const el = h('button', { type: 'button', onclick: () => { clicked += 1; }, disabled: false, 'data-x': 3 }, ['<img src=x onerror=alert(1)>', 2]);
    el.click();
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent).toBe('<img src=x onerror=alert(1)>2');
    expect(el.hasAttribute('disabled')).toBe(false);
    expect(el.getAttribute('data-x')).toBe('3');
    expect(clicked).toBe(1);
  });

  it('confirmDialog() resolves true on confirm and false on cancel, focusing Cancel first', async () => {
    const yes = confirmDialog({ title: 'Drop?', message: 'Really', confirmLabel: 'Drop' });
    expect(document.activeElement?.textContent).toBe('Cancel');
    button(document.body, 'Drop').click();
    expect(await yes).toBe(true);
    const no = confirmDialog({ title: 'Drop?', message: 'Really', confirmLabel: 'Drop' });
    button(document.body, 'Cancel').click();
    expect(await no).toBe(false);
    expect(document.querySelector('dialog')).toBeNull();
  });

  it('downloadFile() clicks a download link to a Blob URL of the text', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => { created.push(blob as Blob); return 'blob:fake'; });
    const clicks: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicks.push({ href: this.href, download: this.download }); });
    downloadFile({ name: 'export.json', text: '{"a":1}', type: 'application/json' });
    await settle(1);
    expect(clicks).toEqual([{ href: 'blob:fake', download: 'export.json' }]);
    expect(await created[0]?.text()).toBe('{"a":1}');
    expect(document.querySelector('a[download]')).toBeNull();
  });

  it('explainFailure() gives plain words for known codes and keeps unknown ones', () => {
    expect(explainFailure({ code: 'STORE_QUOTA', message: 'm' })).toEqual({ title: 'This tablet is out of storage space', message: 'm', code: 'STORE_QUOTA' });
    expect(explainFailure(new Error('boom'))).toEqual({ title: 'Something went wrong', message: 'boom', code: 'UNEXPECTED' });
    expect(explainFailure({ code: 'SOMETHING_NEW', message: 'x' }).title).toBe('Something went wrong');
  });

  it('relativeTime() and formatBytes() read naturally', () => {
    const now = 1_000_000_000;
    expect(relativeTime(now - 3_000, now)).toBe('just now');
    expect(relativeTime(now - 120_000, now)).toBe('2 minutes ago');
    expect(relativeTime(now + 3 * 3_600_000, now)).toBe('in 3 hours');
    expect(relativeTime(now - 86_400_000, now)).toBe('yesterday');
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(1_500_000)).toBe('1.5 MB');
  });
});
