import type { z } from 'zod';

/**
 * A method of the API: its input schema (validated at the main-process edge)
 * and its output schema (the type the renderer receives).
 */
/**
 * Who may call a method, checked in the main process on every call whatever
 * the transport:
 * - `staff`: any profile at the counter, and API keys of scope `integration`;
 * - `manager`: a manager profile unlocked with its PIN, API keys of scope `manager`.
 * Serve mode's start token is the operator's full-access key.
 */
export type Access = 'staff' | 'manager';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** One line for the next engineer and for generated docs. */
  doc: string;
  access: Access;
  /** Record every call in the access log (who, when, method, subject): proof views, exports, erasure, settings. */
  audit: boolean;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  doc: string,
  opts: { access?: Access; audit?: boolean } = {},
): MethodSpec<I, O> => ({ input, output, doc, access: opts.access ?? 'staff', audit: opts.audit ?? false });
