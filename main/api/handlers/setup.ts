import type { AppContext } from '../../app-context';
import { ApiError } from '../../contract/errors';
import { startDemo } from '../../core/setup/demo';
import type { Handlers } from '../router';

type SetupHandlers = Pick<
  Handlers,
  'setup.state' | 'setup.preview' | 'setup.saveStep' | 'setup.complete' | 'setup.dismissTour' | 'demo.start' | 'staff.startLink' | 'staff.startCard'
>;

/** The first-run wizard, the guided demo and staff start links. */
export function setupHandlers(ctx: AppContext): SetupHandlers {
  return {
    'setup.state': () => ctx.setup.state(),
    'setup.saveStep': (input, session) => ctx.setup.saveStep(input, session),
    'setup.complete': () => ctx.setup.complete(),
    'setup.preview': ({ locale }) => ctx.setup.preview(locale),
    'setup.dismissTour': () => ctx.setup.dismissTour(),
    'demo.start': async () => {
      const sim = ctx.channel.simulator;
      if (!ctx.demo || !sim) throw new ApiError('conflict', 'the guided demo runs on the demo line only', { reason: 'not_demo' });
      return { customers: await startDemo(sim) };
    },
    'staff.startLink': ({ profileId }) => ctx.staffLinks.link(profileId),
    'staff.startCard': ({ profileId, locale }) => ctx.staffLinks.card(profileId, locale),
  };
}
