import { CaseImport } from './import';
import { CaseReminderRunner, TimeoutReminderTimer, type ReminderTimer } from './reminder-runner';
import { CaseService, type CaseServiceDeps } from './service';

export interface Cases {
  service: CaseService;
  importer: CaseImport;
  reminders: CaseReminderRunner;
}

export interface CasesDeps extends CaseServiceDeps {
  /** The reminders' timing; default: a timer adapter (until the app's job scheduler takes over). */
  timer?: ReminderTimer;
}

/** Service cases, wired: the domain, the CSV import and the reminder runner. */
export function createCases(deps: CasesDeps): Cases {
  const service = new CaseService(deps);
  const importer = new CaseImport(deps.store, service, deps.clock, () => deps.shop().clock.timeZone);
  const reminders = new CaseReminderRunner(
    deps.store,
    service,
    deps.clock,
    deps.logger,
    () => deps.shop().clock,
    deps.timer ?? new TimeoutReminderTimer(deps.clock),
  );
  // The customer opted in: cases whose status was held back offer to send it.
  deps.bus.subscribe((event, payload) => {
    if (event !== 'consent.changed') return;
    const p = payload as { contactId: number; purpose: string; to: string };
    if (p.purpose === 'service' && p.to === 'granted') service.onServiceGranted(p.contactId);
  });
  // A changed case may plan or void a reminder.
  deps.bus.subscribe((event) => {
    if (event === 'case.updated') reminders.kick();
  });
  return { service, importer, reminders };
}

export { CaseService } from './service';
