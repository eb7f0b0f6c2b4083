import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import {
  LOGO_MAX_BYTES,
  LOGO_TYPES,
  SETUP_STEPS,
  type ConsentSettings,
  type Locale,
  type SetupInput,
  type SetupState,
  type SetupStep,
} from '../../contract';
import { ApiError } from '../../contract/errors';
import type { Clock } from '../../runtime';
import type { Store } from '../../store';
import { readSetupFile, writeSetupFile, type SetupFile } from '../../store/setup-file';
import type { Channel } from '../channel';
import { PEPPER_FILE, type Profiles } from '../profiles';
import type { Session } from '../session';

/** Settings rows the wizard writes besides the consent settings. */
export const LOGO_KEY = 'shop.logo';
export const UI_LOCALE_KEY = 'ui.locale';
const CONSENT_KEY = 'consent.settings';

/** Steps the shop must have saved before the counter opens; the poster may be printed later. */
const REQUIRED: readonly SetupStep[] = ['shop', 'hours', 'manager', 'consent', 'line'];

/** What the wizard needs of the consent engine (settings are validated and cached there). */
export interface SetupConsent {
  settings(): ConsentSettings;
  updateSettings(patch: Partial<ConsentSettings>): ConsentSettings;
  preview(key: 'consent_request' | 'consent_confirmation', locale: Locale): string;
}

/** The host's line switch, as far as the wizard uses it (main/host.ts implements it). */
export interface SetupLine {
  readonly mode: 'demo' | 'whatsapp';
  readonly canSwitch: boolean;
  switchMode(mode: 'demo' | 'whatsapp'): void;
}

/** What one database holds that the other line's database should take over when it lacks it. */
export interface SetupCarry {
  rows: Record<string, unknown>;
  owner: { name: string; pinHash: string } | null;
  pepper: Buffer | null;
}

export interface SetupDeps {
  store: Store;
  clock: Clock;
  consent: SetupConsent;
  profiles: Profiles;
  channel: Channel;
  line: SetupLine | undefined;
  /** Folder of the app's database (the pepper lives there). */
  dataDir: string;
  /** Folder of setup.json (shared by the demo and the WhatsApp line). */
  lineDataDir: string;
  /** No setup.json yet: 'completed' (tests, `serve --demo`) or 'derive' from what the database holds. */
  whenUnrecorded: 'completed' | 'derive';
}

/**
 * The first-run wizard's authority: which steps are saved, saving one step
 * (validated, one transaction, then the progress file), and finishing.
 */
export class Setup {
  constructor(private readonly d: SetupDeps) {
    // Recorded once, at the first start with this version: later saves change the database,
    // which must not change what counts as done.
    if (!readSetupFile(d.lineDataDir)) {
      const completed = d.whenUnrecorded === 'completed';
      writeSetupFile(d.lineDataDir, { completed, done: completed ? [...SETUP_STEPS] : this.derived(), tourDismissed: false });
    }
  }

  state(): SetupState {
    const file = this.file();
    const done = SETUP_STEPS.filter((s) => file.completed || file.done.includes(s));
    const logo = this.d.store.settings.get<{ mime: string; base64: string }>(LOGO_KEY);
    return {
      completed: file.completed,
      done,
      missing: SETUP_STEPS.filter((s) => !done.includes(s)),
      logo: logo ? `data:${logo.mime};base64,${logo.base64}` : null,
      tourDismissed: file.tourDismissed,
    };
  }

  async saveStep(input: SetupInput, session: Session): Promise<SetupState> {
    const { store, clock, consent } = this.d;
    switch (input.step) {
      case 'shop': {
        const logo = input.logo ? await checkLogo(input.logo.base64) : input.logo;
        const current = consent.settings();
        store.tx(() => {
          consent.updateSettings({
            shop: { ...current.shop, name: input.name, address: input.address, phone: input.phone, privacyUrl: input.privacyUrl },
          });
          if (logo !== undefined) store.settings.set(LOGO_KEY, logo, clock.now());
        });
        break;
      }
      case 'hours': {
        const current = consent.settings();
        store.tx(() => consent.updateSettings({ shop: { ...current.shop, openingHours: input.openingHours } }));
        break;
      }
      case 'manager': {
        const hash = await this.d.profiles.hashPin(input.pin);
        const id = store.tx(() => {
          const now = clock.now();
          const manager = store.profiles.all().find((p) => p.role === 'manager');
          let profileId: number;
          if (manager) {
            store.profiles.update(manager.id, { name: input.name, color: manager.color, role: 'manager' }, now);
            store.profiles.setPin(manager.id, hash, now);
            profileId = manager.id;
          } else {
            profileId = store.profiles.create({ name: input.name, color: '#2563eb', role: 'manager', pinHash: hash, now }).id;
          }
          store.settings.set(UI_LOCALE_KEY, input.locale, now);
          return profileId;
        });
        // Whoever sets the first manager up continues the wizard as that manager.
        session.profileId = id;
        break;
      }
      case 'consent':
        store.tx(() => consent.updateSettings({ quarantineHours: input.quarantineHours, customerLocale: input.customerLocale }));
        break;
      case 'line':
        if (!this.lineStep(input.choice)) return this.state();
        break;
      case 'poster':
        break;
    }
    return this.mark(input.step);
  }

  complete(): SetupState {
    const missing = REQUIRED.filter((s) => !this.state().done.includes(s));
    if (missing.length > 0) {
      throw new ApiError('conflict', `set-up steps missing: ${missing.join(', ')}`, { reason: 'setup_incomplete', field: missing[0] });
    }
    const file = this.file();
    writeSetupFile(this.d.lineDataDir, { ...file, completed: true, done: [...new Set([...file.done, ...REQUIRED])] });
    return this.state();
  }

  preview(locale?: Locale): { locale: Locale; request: string; confirmation: string } {
    const lang = locale ?? this.d.consent.settings().customerLocale;
    return { locale: lang, request: this.d.consent.preview('consent_request', lang), confirmation: this.d.consent.preview('consent_confirmation', lang) };
  }

  dismissTour(): SetupState {
    writeSetupFile(this.d.lineDataDir, { ...this.file(), tourDismissed: true });
    return this.state();
  }

  /** The UI language the wizard stored (the customer texts' language is in the consent settings). */
  locale(): Locale | null {
    const v = this.d.store.settings.get<unknown>(UI_LOCALE_KEY);
    return v === 'de' || v === 'en' ? v : null;
  }

  /** Before a line switch: what this database holds of the set-up. */
  exportCarry(): SetupCarry {
    const { store } = this.d;
    const rows: Record<string, unknown> = {};
    for (const key of [CONSENT_KEY, LOGO_KEY, UI_LOCALE_KEY]) {
      const v = store.settings.get<unknown>(key);
      if (v !== undefined) rows[key] = v;
    }
    const manager = store.profiles.all().find((p) => p.role === 'manager' && p.pin_hash !== null);
    const pepperFile = join(this.d.dataDir, PEPPER_FILE);
    return {
      rows,
      owner: manager ? { name: manager.name, pinHash: manager.pin_hash! } : null,
      pepper: manager && existsSync(pepperFile) ? readFileSync(pepperFile) : null,
    };
  }

  /**
   * After a line switch: take over what the set-up saved in the other
   * database, where this one has nothing yet (nothing is asked twice, and
   * nothing this database already holds is overwritten).
   */
  adoptCarry(carry: SetupCarry): boolean {
    const { store, clock } = this.d;
    let changed = false;
    store.tx(() => {
      const now = clock.now();
      for (const [key, value] of Object.entries(carry.rows)) {
        if (store.settings.get<unknown>(key) === undefined) {
          store.settings.set(key, value, now);
          changed = true;
        }
      }
      // A PIN hash is only valid with its pepper: take both, and only while no PIN here uses this folder's pepper.
      const profiles = store.profiles.all();
      const owner = profiles.find((p) => p.role === 'manager');
      if (carry.owner && carry.pepper && owner && owner.pin_hash === null && profiles.every((p) => p.pin_hash === null)) {
        writeFileSync(join(this.d.dataDir, PEPPER_FILE), carry.pepper, { mode: 0o600 });
        store.profiles.update(owner.id, { name: carry.owner.name, color: owner.color, role: 'manager' }, now);
        store.profiles.setPin(owner.id, carry.owner.pinHash, now);
        changed = true;
      }
    });
    return changed;
  }

  /** Returns whether the step is done now (linking WhatsApp finishes only once the line is connected). */
  private lineStep(choice: 'demo' | 'whatsapp'): boolean {
    const line = this.d.line;
    if (choice === 'demo') {
      if (line && line.mode === 'whatsapp' && line.canSwitch) line.switchMode('demo');
      return true;
    }
    if (!line || !line.canSwitch) {
      throw new ApiError('conflict', 'this install runs the demo only (started with --demo)', { reason: 'cannot_switch', field: 'choice' });
    }
    if (line.mode === 'demo') {
      line.switchMode('whatsapp');
      return false;
    }
    if (this.d.channel.state().state !== 'connected') {
      throw new ApiError('conflict', 'the WhatsApp line is not linked yet', { reason: 'not_linked', field: 'choice' });
    }
    return true;
  }

  private mark(step: SetupStep): SetupState {
    const file = this.file();
    if (!file.done.includes(step)) writeSetupFile(this.d.lineDataDir, { ...file, done: [...file.done, step] });
    return this.state();
  }

  /** The recorded progress (a damaged or deleted file: the steps the database already answers). */
  private file(): SetupFile {
    return readSetupFile(this.d.lineDataDir) ?? { completed: false, done: this.derived(), tourDismissed: false };
  }

  /** For an install from before the wizard: the steps its database already answers. */
  private derived(): SetupStep[] {
    const { store } = this.d;
    if (store.settings.get<unknown>(CONSENT_KEY) === undefined) return [];
    const s = this.d.consent.settings();
    const done: SetupStep[] = ['hours', 'consent', 'line', 'poster'];
    if (s.shop.name && s.shop.phone && s.shop.address && /^https:\/\//i.test(s.shop.privacyUrl)) done.push('shop');
    if (store.profiles.all().some((p) => p.role === 'manager' && p.pin_hash !== null)) done.push('manager');
    return done;
  }
}

/** The logo must really be one of LOGO_TYPES (checked by its bytes, not its name) and small. */
async function checkLogo(base64: string): Promise<{ mime: string; base64: string }> {
  const data = Buffer.from(base64, 'base64');
  if (data.length === 0 || data.length > LOGO_MAX_BYTES) {
    throw new ApiError('validation', `logo: at most ${LOGO_MAX_BYTES} bytes`, { field: 'logo', reason: 'logo_too_large' });
  }
  const found = await fileTypeFromBuffer(data);
  if (!found || !(LOGO_TYPES as readonly string[]).includes(found.mime)) {
    throw new ApiError('validation', 'logo: PNG, JPEG or WebP only', { field: 'logo', reason: 'logo_type' });
  }
  return { mime: found.mime, base64: data.toString('base64') };
}
