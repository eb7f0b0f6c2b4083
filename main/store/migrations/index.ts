import { migration001 } from './001_foundation';
import type { Migration } from './types';

/** All migrations in order; versions must run 1, 2, 3 … without gaps. */
export const migrations: readonly Migration[] = [migration001];

export const latestVersion = (list: readonly Migration[] = migrations): number =>
  list.length === 0 ? 0 : list[list.length - 1]!.version;
