/** Which screen a route shows. */

import { auditDetailScreen } from './audit-detail.ts';
import { auditScreen } from './audit-screen.ts';
import { conflictDetailScreen } from './conflict-detail.ts';
import { conflictsScreen } from './conflicts-screen.ts';
import { failedScreen } from './failed-screen.ts';
import { patientEditScreen } from './patient-edit.ts';
import { patientFormScreen } from './patient-form.ts';
import { patientsScreen } from './patients-screen.ts';
import type { Route } from './routes.ts';
import type { Screen, ScreenContext } from './screen.ts';
import { settingsScreen } from './settings-screen.ts';
import { statusScreen } from './status-screen.ts';

/** Builds the screen of `route`. */
export function screenOf(route: Route, context: ScreenContext): Screen {
  switch (route.screen) {
    case 'status': return statusScreen(context);
    case 'patients': return patientsScreen(context);
    case 'patient-new': return patientFormScreen(context);
    case 'patient-edit': return patientEditScreen(context, route.uuid);
    case 'audit': return auditScreen(context);
    case 'audit-row': return auditDetailScreen(context, route.seq);
    case 'failed': return failedScreen(context);
    case 'conflicts': return conflictsScreen(context);
    case 'conflict': return conflictDetailScreen(context, route.id);
    case 'settings': return settingsScreen(context);
  }
}
