import { migration001 } from './001_foundation';
import { migration002 } from './002_consent';
import { migration003 } from './003_whatsapp';
import { migration004 } from './004_reliability';
import { migration005 } from './005_consent_words';
import { migration006 } from './006_inbox';
import { migration007 } from './007_cases';
import { migration008 } from './008_bot';
import { migration009 } from './009_manager';
import { migration010 } from './010_erasure';
import { migration011 } from './011_roles';
import { migration012 } from './012_backup';
import { migration013 } from './013_performance';
import { migration014 } from './014_ingest';
import { migration015 } from './015_staff_reply';
import { migration016 } from './016_inbox_tallies';
import { migration017 } from './017_inbox_orders';
import { migration018 } from './018_ingest_writes';
import { migration019 } from './019_consent_reads';
import { migration020 } from './020_batch_index';
import { migration021 } from './021_book_order';
import { migration022 } from './022_outbox_conversation';
import { migration023 } from './023_consent_times';
import { migration024 } from './024_case_filters';
import type { Migration } from './types';

/** All migrations in order; versions must run 1, 2, 3 … without gaps. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
  migration018,
  migration019,
  migration020,
  migration021,
  migration022,
  migration023,
  migration024,
];

export const latestVersion = (list: readonly Migration[] = migrations): number =>
  list.length === 0 ? 0 : list[list.length - 1]!.version;
