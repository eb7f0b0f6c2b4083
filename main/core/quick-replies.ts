import { QUICK_REPLY_VARIABLES } from '../contract';

export type QuickReplyVariables = Record<(typeof QUICK_REPLY_VARIABLES)[number], string>;

/**
 * Fills {name}, {shop} and {staff} in a quick reply. Unknown placeholders stay
 * as written (staff sees them before sending); values are inserted once, so a
 * customer's name that contains "{shop}" is not expanded again. A variable
 * with no value (a customer without a name) goes with the space before it:
 * "Guten Tag {name}, …" reads "Guten Tag, …", not "Guten Tag , …".
 */
export function expandQuickReply(text: string, vars: QuickReplyVariables): string {
  return text.replace(/( ?)\{(\w+)\}/g, (whole, space: string, key: string) => {
    if (!(QUICK_REPLY_VARIABLES as readonly string[]).includes(key)) return whole;
    const value = vars[key as keyof QuickReplyVariables].trim();
    return value ? space + value : '';
  });
}
