import { randomUUID } from 'node:crypto';
import { SimulatorChannel, simChatId } from '../../main/channels/simulator';
import type { ChannelEvents, MessageType, OutboundMessage } from '../../main/core/channel';
import type { Clock } from '../../main/runtime';

export interface PhoneFile {
  fileName: string | undefined;
  mime: string;
  data: Buffer;
  type: MessageType;
}

/**
 * The simulator with files both ways: a customer's phone can send a photo,
 * and keeps the bytes of every file the shop sends (for reading a label back).
 */
export class MediaSimulator extends SimulatorChannel {
  private captured: Partial<ChannelEvents> = {};
  private readonly received = new Map<string, PhoneFile[]>();

  constructor(private readonly testClock: Clock) {
    super(testClock);
  }

  override setHandlers(handlers: Partial<ChannelEvents>): void {
    this.captured = { ...this.captured, ...handlers };
    super.setHandlers(handlers);
  }

  async customerSendsFile(phone: string, file: { data: Buffer; mime: string; fileName?: string; caption?: string }): Promise<void> {
    await this.captured.message?.({
      externalId: `sim-${randomUUID()}`,
      from: { phone, chatId: simChatId(phone) },
      type: file.mime.startsWith('image/') ? 'image' : file.mime.startsWith('video/') ? 'video' : 'document',
      body: file.caption ?? '',
      sentAt: this.clockNow(),
      media: { data: file.data, claimedMime: file.mime, fileName: file.fileName },
    });
  }

  override async send(msg: OutboundMessage): Promise<{ externalId: string }> {
    const result = await super.send(msg);
    if (msg.media && msg.to.phone) {
      const list = this.received.get(msg.to.phone) ?? [];
      if (!list.some((f) => f.data.equals(msg.media!.data))) {
        list.push({ fileName: msg.media.fileName, mime: msg.media.mime, data: msg.media.data, type: msg.type });
      }
      this.received.set(msg.to.phone, list);
    }
    return result;
  }

  /** Files the shop sent to this phone. */
  filesOn(phone: string): PhoneFile[] {
    return [...(this.received.get(phone) ?? [])];
  }

  private clockNow(): number {
    return this.testClock.now();
  }
}
