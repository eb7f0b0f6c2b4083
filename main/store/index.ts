import { join } from 'node:path';
import { BotRepo } from './bot-repo';
import { CasesRepo } from './cases-repo';
import { ConsentRepo } from './consent-repo';
import { ConsentReviewRepo } from './consent-review-repo';
import { ContactsRepo } from './contacts-repo';
import { InboxRepo } from './inbox-repo';
import { JobsRepo } from './jobs-repo';
import { ProfilesRepo } from './profiles-repo';
import { QuickRepliesRepo } from './quick-replies-repo';
import { openDatabase, type Db, type OpenOptions } from './db';
import { IdempotencyRepo } from './idempotency-repo';
import { MediaRepo } from './media-repo';
import { MessagesRepo } from './messages-repo';
import { OutboxRepo } from './outbox-repo';
import { SettingsRepo } from './settings-repo';
import { SimRepo } from './sim-repo';
import { StatsRepo } from './stats-repo';
import { WaSyncRepo } from './wa-sync-repo';

export const DB_FILE_NAME = 'tresen.sqlite3';

/** The one handle to the database: every repository shares one connection (one writer). */
export class Store {
  readonly contacts: ContactsRepo;
  readonly messages: MessagesRepo;
  readonly media: MediaRepo;
  readonly outbox: OutboxRepo;
  readonly settings: SettingsRepo;
  readonly idempotency: IdempotencyRepo;
  readonly sim: SimRepo;
  readonly consent: ConsentRepo;
  readonly inbox: InboxRepo;
  readonly profiles: ProfilesRepo;
  readonly quickReplies: QuickRepliesRepo;
  readonly jobs: JobsRepo;
  readonly cases: CasesRepo;
  readonly bot: BotRepo;
  /** The manager's statistics and consent review. */
  readonly stats: StatsRepo;
  readonly consentReview: ConsentReviewRepo;
  /** The WhatsApp bridge's checkpoint, sends and media retries. */
  readonly waSync: WaSyncRepo;

  constructor(readonly db: Db) {
    this.contacts = new ContactsRepo(db);
    this.messages = new MessagesRepo(db);
    this.media = new MediaRepo(db);
    this.outbox = new OutboxRepo(db);
    this.settings = new SettingsRepo(db);
    this.idempotency = new IdempotencyRepo(db);
    this.sim = new SimRepo(db);
    this.consent = new ConsentRepo(db);
    this.inbox = new InboxRepo(db);
    this.profiles = new ProfilesRepo(db);
    this.quickReplies = new QuickRepliesRepo(db);
    this.jobs = new JobsRepo(db);
    this.cases = new CasesRepo(db);
    this.bot = new BotRepo(db);
    this.stats = new StatsRepo(db);
    this.consentReview = new ConsentReviewRepo(db);
    this.waSync = new WaSyncRepo(db);
  }

  static open(dataDir: string, options: OpenOptions = {}): Store {
    return new Store(openDatabase(join(dataDir, DB_FILE_NAME), options));
  }

  /** Runs fn in one transaction (nested calls become savepoints). */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export { openDatabase, migrate } from './db';
export { DatabaseOpenError } from './errors';
