// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRow } from '../../src/core/store/store-port.ts';
import { auditDetailScreen } from '../../src/ui/audit-detail.ts';
import { auditPageSize, auditScreen } from '../../src/ui/audit-screen.ts';
import { $, button, byLabel, FakeApi, fakeContext, settle, type } from './_ui-kit.ts';

afterEach(() => document.body.replaceChildren());

function rows(count: number): AuditRow[] {
  return Array.from({ length: count }, (_, i) => {
    const seq = count - i;
    return {
      seq, at: Date.UTC(2025, 10, 26) + seq * 1000, operation: 'pull', category: 'patient', uuid: `p${seq}`, outcome: 'ok',
      instanceId: 'tablet-7', prevHash: `h${seq - 1}`, hash: `h${seq}`, details: { status: 200, url: `/Patient/p${seq}` },
    } satisfies AuditRow;
  });
}

async function render(api: FakeApi) {
  const kit = fakeContext(api);
  const root = auditScreen(kit.context).element;
  document.body.append(root);
  await settle();
  return { ...kit, root };
}

describe('audit screen', () => {
  it('auditScreen() reads the newest page, then asks for older rows before the last seq shown', async () => {
    const api = new FakeApi();
    api.auditRows = rows(auditPageSize + 5);
    const { root } = await render(api);
    expect(api.callsOf('audit')).toEqual([[{ limit: auditPageSize }]]);
    expect(root.querySelectorAll('tbody tr')).toHaveLength(auditPageSize);
    button(root, 'Older').click();
    await settle();
    expect(api.callsOf('audit').at(-1)).toEqual([{ limit: auditPageSize, beforeSeq: 6 }]);
    expect(root.querySelectorAll('tbody tr')).toHaveLength(auditPageSize + 5);
    expect(button(root, 'Older').hidden).toBe(true);
  });

  it('auditScreen() sends the chosen filters as the audit query, and keeps them when paging', async () => {
    const api = new FakeApi();
    api.auditRows = rows(auditPageSize);
    const { root } = await render(api);
    type(byLabel<HTMLSelectElement>(root, 'Operation'), 'push');
    type(byLabel<HTMLSelectElement>(root, 'Category'), 'patient');
    type(byLabel<HTMLSelectElement>(root, 'Outcome'), 'failed');
    type(byLabel(root, 'Record uuid'), '  p7 ');
    $(root, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    const filters = { operation: 'push', category: 'patient', outcome: 'failed', uuid: 'p7' };
    expect(api.callsOf('audit').at(-1)).toEqual([{ ...filters, limit: auditPageSize }]);
    button(root, 'Older').click();
    await settle();
    expect(api.callsOf('audit').at(-1)).toEqual([{ ...filters, limit: auditPageSize, beforeSeq: 1 }]);
    button(root, 'Export as CSV').click();
    await settle();
    expect(api.callsOf('exportAudit')).toEqual([[{ format: 'csv', filter: filters }]]);
  });

  it('auditScreen() links each row to its detail', async () => {
    const api = new FakeApi();
    api.auditRows = rows(3);
    const { root } = await render(api);
    expect($(root, 'tr[data-seq="2"] a').getAttribute('href')).toBe('#/audit/2');
  });

  it('auditDetailScreen() reads one row and shows its details as indented JSON and its chain hashes', async () => {
    const api = new FakeApi();
    api.auditRows = rows(9);
    const root = auditDetailScreen(fakeContext(api).context, 7).element;
    await settle();
    expect(api.callsOf('audit')).toEqual([[{ beforeSeq: 8, limit: 1 }]]);
    expect($(root, 'pre').textContent).toBe(JSON.stringify({ status: 200, url: '/Patient/p7' }, null, 2));
    expect($(root, '.hashes').textContent).toBe('Previous hashh6Hashh7');
  });
});
