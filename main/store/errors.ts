/** Why a database could not be opened; the file is left exactly as it was. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
  constructor(
    readonly kind: 'too_new' | 'corrupt' | 'io',
    message: string,
    readonly file: string,
  ) {
    super(message);
  }
}
