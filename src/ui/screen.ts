/** What every screen gets from the app (its context) and gives back (its element and hooks). */

import type { BrowserStatus } from '../browser/sync-api.ts';
import type { AppDeps, DownloadFile, UiApi } from './app-deps.ts';
import type { Route } from './routes.ts';

/** The app's services, shared by the screens. */
export interface ScreenContext {
  api: UiApi;
  deps: AppDeps;
  /** The latest status, if one has arrived. */
  status(): BrowserStatus | undefined;
  /** Fetches the status now (after an action) and passes it to every listener. */
  refreshStatus(): Promise<void>;
  /** Says `message` through the polite live region. */
  announce(message: string): void;
  navigate(route: Route): void;
  now(): number;
  download(file: DownloadFile): void;
  confirm(question: { title: string; message: string; confirmLabel: string }): Promise<boolean>;
  /** A note carried to the next screen (e.g. the patient just registered, or just edited). */
  flash: { registered?: { uuid: string; name: string }; edited?: { uuid: string; name: string } };
}

/** A rendered screen. */
export interface Screen {
  /** Shown in the document title. */
  title: string;
  element: HTMLElement;
  /** Called with every new status while the screen is shown. */
  update?(status: BrowserStatus): void;
  /** Called when the screen is left. */
  dispose?(): void;
  /** True while the screen holds typed input not yet saved (an update waits rather than reload over it). */
  hasUnsavedInput?(): boolean;
}

/** Builds a screen; async loading happens inside, the element is returned at once. */
export type ScreenFactory = (context: ScreenContext) => Screen;
