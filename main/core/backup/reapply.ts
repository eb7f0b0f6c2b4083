import type { Store } from '../../store';

/**
 * Re-applies, after a restore, every erasure and consent withdrawal recorded
 * after the backup was made (`since`, ms), so a restore never brings back an
 * erased person or a withdrawn consent. The compliance journal provides it;
 * the composition root injects it.
 */
export type ReapplyJournal = (store: Store, since: number) => { erased: number; revoked: number };
