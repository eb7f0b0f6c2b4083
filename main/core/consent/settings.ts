import { ConsentSettings, type ConsentSettings as Settings } from '../../contract';
import { ApiError } from '../../contract/errors';
import type { SettingsRepo } from '../../store/settings-repo';
import { InvalidPhoneError, toE164 } from '../phone';
import { keywordProblem } from './keywords';
import { defaultSettings } from './templates';

const KEY = 'consent.settings';

/** Shop profile, keywords and timings: defaults until the shop changes them. */
export class ConsentSettingsStore {
  constructor(
    private readonly repo: SettingsRepo,
    private readonly demo: boolean,
  ) {}

  /** Read on every inbound message and send; this class is the only writer, so a cached copy stays true. */
  private cached: Settings | undefined;

  get(): Settings {
    if (this.cached) return this.cached;
    const defaults = defaultSettings(this.demo);
    const stored = this.repo.get<Partial<Settings>>(KEY);
    const parsed = stored ? ConsentSettings.safeParse({ ...defaults, ...stored }) : undefined;
    this.cached = parsed?.success ? parsed.data : defaults;
    return this.cached;
  }

  update(patch: Partial<Settings>, now: number): Settings {
    const next = { ...this.get(), ...patch };
    if (patch.shop) {
      const phone = patch.shop.phone.trim();
      try {
        next.shop = { ...patch.shop, phone: phone === '' ? '' : toE164(phone) };
      } catch (err) {
        if (err instanceof InvalidPhoneError) {
          throw new ApiError('validation', `shop.phone: ${err.message}`, { field: 'shop.phone' });
        }
        throw err;
      }
      for (const field of ['name', 'address'] as const) {
        // Customer texts carry these verbatim: no markup, no script.
        if (/[<>]|javascript:/i.test(patch.shop[field])) {
          throw new ApiError('validation', `shop.${field}: no markup or script allowed`, { field: `shop.${field}` });
        }
      }
      const url = patch.shop.privacyUrl.trim();
      if (url !== '' && !/^https:\/\/[^\s<>"']+$/i.test(url)) {
        throw new ApiError('validation', 'shop.privacyUrl: must be a full https:// address', {
          field: 'shop.privacyUrl',
        });
      }
    }
    const parsed = ConsentSettings.safeParse(next);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') ?? 'patch';
      throw new ApiError('validation', `${field}: ${issue?.message ?? 'invalid'}`, { field });
    }
    const problem = keywordProblem(parsed.data.keywords);
    if (problem) throw new ApiError('validation', problem.message, { field: problem.field });
    this.repo.set(KEY, parsed.data, now);
    this.cached = parsed.data;
    return parsed.data;
  }
}
