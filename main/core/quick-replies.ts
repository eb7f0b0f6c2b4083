import { QUICK_REPLY_VARIABLES } from '../contract';

export type QuickReplyVariables = Record<(typeof QUICK_REPLY_VARIABLES)[number], string>;

/**
 * Fills {name}, {shop} and {staff} in a quick reply. Unknown placeholders stay
 * as written (staff sees them before sending); values are inserted once, so a
 * customer's name that contains "{shop}" is not expanded again.
 */
export function expandQuickReply(text: string, vars: QuickReplyVariables): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) =>
    (QUICK_REPLY_VARIABLES as readonly string[]).includes(key) ? vars[key as keyof QuickReplyVariables] : whole,
  );
}
