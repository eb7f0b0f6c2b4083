import { z } from 'zod';
import { phoneOrThrow, simulatorOrThrow } from '../handlers/core';
import { pathParam, sendError, sendJson } from '../http-util';
import type { HttpRoute } from '../http-route';

const PHONE_PATH = /^\/sim\/customers\/([^/]+)\/messages$/;
const SimSendBody = z.object({ text: z.unknown() }).passthrough();

/** Drive simulated customers' phones from outside the process (tests, training scripts). */
export const simRoutes: HttpRoute[] = [
  {
    method: 'POST',
    path: PHONE_PATH,
    async handle({ res, match, app, body }) {
      const parsed = SimSendBody.safeParse(await body());
      const text = parsed.success ? parsed.data.text : undefined;
      const result = await app.dispatch('sim.send', { phone: pathParam(match[1]!, 'phone'), text });
      if (!result.ok) return sendError(res, result.error);
      sendJson(res, 202, { status: 'accepted', ...(result.value as object) });
    },
  },
  {
    method: 'GET',
    path: PHONE_PATH,
    handle({ res, match, app }) {
      const sim = simulatorOrThrow(app.context);
      sendJson(res, 200, sim.phone(phoneOrThrow(pathParam(match[1]!, 'phone'))));
    },
  },
];
