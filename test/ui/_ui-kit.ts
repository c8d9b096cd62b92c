/** Test kit for the UI: a fake SyncApi that records its calls, statuses to feed it, and DOM helpers. */

import { afterEach } from 'vitest';
import type { BrowserSettings, BrowserStatus, PatientDetails, PatientSummary } from '../../src/browser/sync-api.ts';
import type { RunSummary } from '../../src/core/sync/runner/runner-types.ts';
import type { AuditRow, ConflictRecord, FailedEvent } from '../../src/core/store/store-port.ts';
import type { AppDeps, DownloadFile, UiApi } from '../../src/ui/app-deps.ts';
import type { App } from '../../src/ui/app.ts';
import type { ScreenContext } from '../../src/ui/screen.ts';
import type { Route } from '../../src/ui/routes.ts';

/** A status with nothing going on; override what a test needs. */
export function statusOf(overrides: Partial<BrowserStatus> = {}, runner: Partial<BrowserStatus['runner']> = {}): BrowserStatus {
  return {
    configured: true, pendingPushes: 0, failedEvents: 0, deadLetters: 0, openConflicts: 0, objects: {},
    ...overrides,
    runner: { running: false, phase: 'idle', consecutiveFailures: 0, scheduled: true, ...runner },
  };
}

export const savedSettings: BrowserSettings = {
  parentBase: 'https://hub.example.org/openmrs', username: 'nurse1', instanceId: 'tablet-7',
  categories: [{ category: 'patient', pull: true, push: true }], scheduleSeconds: 600, conflictPolicy: 'manual',
};

/** A fake API: every call is logged as [method, ...args] in `calls`; answers come from the fields. */
export class FakeApi implements UiApi {
  calls: unknown[][] = [];
  current: BrowserStatus = statusOf();
  saved: BrowserSettings | undefined = savedSettings;
  configureResult: Awaited<ReturnType<UiApi['configure']>> = { ok: true, value: undefined };
  auditRows: AuditRow[] = [];
  failed: FailedEvent[] = [];
  conflictList: ConflictRecord[] = [];
  patientList: PatientSummary[] = [];
  registerResult: Awaited<ReturnType<UiApi['registerPatient']>> = { ok: true, value: { uuid: 'new-uuid' } };
  resolveResult: Awaited<ReturnType<UiApi['resolveConflict']>> = { ok: true, value: undefined };

  private log(...call: unknown[]): void { this.calls.push(call); }
  /** The calls of one method, arguments only. */
  callsOf(method: string): unknown[][] { return this.calls.filter((c) => c[0] === method).map((c) => c.slice(1)); }

  async configure(settings: BrowserSettings, password: string) { this.log('configure', settings, password); return this.configureResult; }
  async settings() { this.log('settings'); return this.saved; }
  async signOut() { this.log('signOut'); this.saved = undefined; }
  async start() { this.log('start'); }
  async stop() { this.log('stop'); }
  async syncNow(): Promise<RunSummary> {
    this.log('syncNow');
    return { status: 'ok', direction: 'both', startedAt: 1, finishedAt: 2 };
  }
  async status() { this.log('status'); return this.current; }
  async audit(query?: Parameters<UiApi['audit']>[0]) {
    this.log('audit', query);
    const limit = query?.limit ?? 100;
    return this.auditRows.filter((r) => query?.beforeSeq === undefined || r.seq < query.beforeSeq).slice(0, limit);
  }
  async exportAudit(options: Parameters<UiApi['exportAudit']>[0]) {
    this.log('exportAudit', options);
    return { format: options.format, contentType: 'text/csv', text: 'seq\n', rows: 0, verification: { ok: true, checked: 0, headSeq: 0 } };
  }
  async localChanges() { this.log('localChanges'); return []; }
  async failedEvents() { this.log('failedEvents'); return this.failed; }
  async retryFailedEvent(id: string) { this.log('retryFailedEvent', id); return { ok: true as const, value: undefined }; }
  async exportFailedEvent(id: string) {
    this.log('exportFailedEvent', id);
    if (!this.failed.some((e) => e.id === id)) return { ok: false as const, error: { code: 'RECORD_NOT_FOUND', message: 'No failed event with this id' } };
    return { ok: true as const, value: `{"failedEvent":"${id}","object":{}}` };
  }
  async exportAndDropFailedEvent(id: string) {
    this.log('exportAndDropFailedEvent', id);
    this.failed = this.failed.filter((e) => e.id !== id);
    return { ok: true as const, value: `{"failedEvent":"${id}","object":{}}` };
  }
  async conflicts() { this.log('conflicts'); return this.conflictList; }
  async resolveConflict(id: string, choice: Parameters<UiApi['resolveConflict']>[1]) { this.log('resolveConflict', id, choice); return this.resolveResult; }
  async patients(query?: { search?: string; limit?: number }) {
    this.log('patients', query);
    const words = (query?.search ?? '').toLowerCase().split(/\s+/).filter((w) => w !== '');
    return this.patientList.filter((p) => words.every((w) => p.name.toLowerCase().includes(w)));
  }
  details: Record<string, PatientDetails> = {};
  updateResult: Awaited<ReturnType<UiApi['updatePatient']>> = { ok: true, value: { changed: true } };
  async patient(uuid: string) {
    this.log('patient', uuid);
    const found = this.details[uuid];
    return found ? { ok: true as const, value: found } : { ok: false as const, error: { code: 'RECORD_NOT_FOUND', message: 'No patient with this id on this tablet' } };
  }
  async updatePatient(uuid: string, edit: Parameters<UiApi['updatePatient']>[1]) {
    this.log('updatePatient', uuid, edit);
    return this.updateResult;
  }
  async registerPatient(patient: Parameters<UiApi['registerPatient']>[0]) {
    this.log('registerPatient', patient);
    if (this.registerResult.ok) this.patientList.push({ uuid: this.registerResult.value.uuid, name: `${patient.givenName} ${patient.familyName}`, pending: true });
    return this.registerResult;
  }
}

/** A screen context over a fake API, recording navigation, announcements and downloads. */
export function fakeContext(api: FakeApi, overrides: Partial<ScreenContext> = {}) {
  const record = { navigated: [] as Route[], said: [] as string[], downloads: [] as DownloadFile[] };
  const deps: AppDeps = { api, storage: memoryStorage(), randomId: () => '0123abcd-ffff' };
  const context: ScreenContext = {
    api, deps, flash: {},
    status: () => api.current,
    refreshStatus: async () => undefined,
    announce: (m) => record.said.push(m),
    navigate: (r) => record.navigated.push(r),
    now: () => Date.UTC(2025, 10, 26, 12, 0, 0),
    download: (f) => record.downloads.push(f),
    confirm: async () => true,
    ...overrides,
  };
  return { context, record };
}

/** A Storage stand-in. */
export function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

/** Lets pending promises and microtasks run (no timing involved). */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The element matching `selector` inside `root`; fails the test when absent. */
export function $(root: ParentNode, selector: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`no element matches ${selector}`);
  return found;
}

/** The input labelled `label` (by its <label for>). */
export function byLabel<E extends HTMLElement = HTMLInputElement>(root: ParentNode, label: string): E {
  const labels = [...root.querySelectorAll('label')].filter((l) => l.textContent?.trim() === label);
  const id = labels[0]?.getAttribute('for');
  const control = id ? root.querySelector<E>(`#${CSS.escape(id)}`) : null;
  if (!control) throw new Error(`no control labelled ${label}`);
  return control;
}

/** Types into a control as a person would (value + input event). */
export function type(control: HTMLInputElement | HTMLSelectElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The button whose text is `text`. */
export function button(root: ParentNode, text: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no button ${text}`);
  return found;
}

/** Registers an afterEach that stops every app passed to the returned function and clears the page and its hash. */
export function stopAppsAfterEach(): (app: App) => App {
  const started: App[] = [];
  afterEach(async () => {
    for (const app of started.splice(0)) await app.stop();
    document.body.replaceChildren();
    history.replaceState(null, '', '#');
  });
  return (app) => {
    started.push(app);
    return app;
  };
}
