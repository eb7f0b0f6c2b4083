import { join } from 'node:path';
import { AccessLogRepo } from './access-log-repo';
import { ApiKeysRepo } from './api-keys-repo';
import { BackupsRepo } from './backups-repo';
import { BotRepo } from './bot-repo';
import { CasesRepo } from './cases-repo';
import { ComplianceRepo } from './compliance-repo';
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
import { WebhooksRepo } from './webhooks-repo';

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
  readonly apiKeys: ApiKeysRepo;
  readonly accessLog: AccessLogRepo;
  /** The WhatsApp bridge's checkpoint, sends and media retries. */
  readonly waSync: WaSyncRepo;
  /** Erasure, tombstones, legal holds, retention and export reads. */
  readonly compliance: ComplianceRepo;
  readonly backups: BackupsRepo;
  readonly webhooks: WebhooksRepo;

  constructor(readonly db: Db) {
    this.runInTx = db.transaction((fn: () => unknown) => fn());
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
    this.apiKeys = new ApiKeysRepo(db);
    this.accessLog = new AccessLogRepo(db);
    this.waSync = new WaSyncRepo(db);
    this.compliance = new ComplianceRepo(db);
    this.backups = new BackupsRepo(db);
    this.webhooks = new WebhooksRepo(db);
  }

  static open(dataDir: string, options: OpenOptions = {}): Store {
    return new Store(openDatabase(join(dataDir, DB_FILE_NAME), options));
  }

  /**
   * One transaction function for every call: better-sqlite3 builds four
   * wrapped functions per db.transaction() (about 10 µs), which every consent
   * text queued inside a batch paid again.
   */
  private readonly runInTx: (fn: () => unknown) => unknown;

  /** Runs fn in one transaction (nested calls become savepoints). */
  tx<T>(fn: () => T): T {
    return this.runInTx(fn) as T;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export { openDatabase, migrate } from './db';
export { DatabaseOpenError } from './errors';
