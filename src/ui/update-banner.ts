/** The update prompt: a new version waits, and never takes over while changes are still on this tablet only. */

import type { BrowserStatus } from '../browser/sync-api.ts';
import type { UpdateAnswer } from './app-deps.ts';
import { h, replaceChildren } from './dom.ts';
import { plural } from './format.ts';

export interface UpdateBannerOptions {
  /** Asks the waiting version to take over. */
  applyUpdate(): Promise<UpdateAnswer>;
  /** False while a form holds unsaved input: then the update waits for a click instead of reloading. */
  canApplyNow(): boolean;
  announce(message: string): void;
}

/** The banner and its inputs. */
export interface UpdateBanner {
  element: HTMLElement;
  /** A new version is waiting. */
  available(): void;
  update(status: BrowserStatus): void;
}

/**
 * Shows "Update ready — it will apply once your changes are sent" while changes are unpushed (and
 * applies it by itself once they are, unless a form is being filled in); otherwise an "Update now" button.
 *
 * @example
 * ```ts
 * const banner = createUpdateBanner({ applyUpdate, canApplyNow: () => true, announce });
 * deps.onUpdateAvailable?.(() => banner.available());
 * ```
 */
export function createUpdateBanner(options: UpdateBannerOptions): UpdateBanner {
  const element = h('section', { class: 'update-banner', 'aria-label': 'App update', hidden: true });
  let waiting = false;
  let blocked: boolean | undefined;
  let status: BrowserStatus | undefined;
  const apply = async (): Promise<void> => {
    replaceChildren(element, h('p', {}, 'Updating…'));
    const answer = await options.applyUpdate().catch((error: unknown) => ({ activated: false, message: String(error) }) as UpdateAnswer);
    if (answer.activated) return options.announce('Updating: the app reloads');
    replaceChildren(element, [h('p', {}, refusal(answer)), button('Try again', apply)]);
    options.announce(refusal(answer));
  };
  const render = (): void => {
    if (!waiting) return;
    element.hidden = false;
    const pending = status?.pendingPushes ?? 0;
    const conflicts = status?.openConflicts ?? 0;
    const wasBlocked = blocked;
    blocked = pending + conflicts > 0;
    if (pending > 0) return replaceChildren(element, h('p', {}, 'Update ready — it will apply once your changes are sent'));
    if (conflicts > 0) return replaceChildren(element, h('p', {}, 'Update ready — it will apply once the open conflicts are resolved'));
    if (wasBlocked === true && options.canApplyNow()) return void apply();
    replaceChildren(element, [h('p', {}, 'A new version of the app is ready.'), button('Update now', apply)]);
  };
  return {
    element,
    available() {
      if (!waiting) options.announce('A new version of the app is ready');
      waiting = true;
      render();
    },
    update(next) {
      status = next;
      render();
    },
  };
}

function button(label: string, onclick: () => Promise<void>): HTMLButtonElement {
  return h('button', { type: 'button', class: 'primary', onclick: () => void onclick() }, label);
}

function refusal(answer: UpdateAnswer): string {
  const u = answer.unpushed;
  if (u) {
    const parts = [
      u.pendingPushes > 0 ? `${plural(u.pendingPushes, 'change')} not sent` : '',
      u.pushFailures > 0 ? `${plural(u.pushFailures, 'failed change')}` : '',
      u.openConflicts > 0 ? `${plural(u.openConflicts, 'open conflict')}` : '',
    ].filter((p) => p !== '');
    return `The update waits: ${parts.join(', ')} on this tablet.`;
  }
  return `The update could not be applied: ${answer.message ?? 'no answer from the new version'}.`;
}
