import type { AppContext } from '../../app-context';
import { isLocale } from '../../contract/locales';
import type { Handlers } from '../router';

type UiHandlers = Pick<Handlers, 'ui.getLocale' | 'ui.setLocale'>;

/** Settings key of the staff's UI language. */
export const UI_LOCALE_KEY = 'ui.locale';

export function uiHandlers(ctx: AppContext): UiHandlers {
  return {
    'ui.getLocale': () => {
      const stored = ctx.store.settings.get<unknown>(UI_LOCALE_KEY);
      return { locale: isLocale(stored) ? stored : null };
    },
    'ui.setLocale': ({ locale }) => {
      ctx.store.settings.set(UI_LOCALE_KEY, locale, ctx.clock.now());
      return { locale };
    },
  };
}
