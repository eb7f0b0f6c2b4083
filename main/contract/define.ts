import type { z } from 'zod';

/**
 * A method of the API: its input schema (validated at the main-process edge)
 * and its output schema (the type the renderer receives).
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** One line for the next engineer and for generated docs. */
  doc: string;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  doc: string,
): MethodSpec<I, O> => ({ input, output, doc });
