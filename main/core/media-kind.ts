import type { MessageType } from '../core/channel';
import { isSendableMime, mediaKindOf } from '../contract/mime';
import { neutraliseFileName } from '../contract/text';

/** Which kind of message a file becomes, by its sniffed type (never by its name). */
export function messageTypeForMime(mime: string): MessageType {
  return mediaKindOf(mime);
}

/*
 * What staff may send to customers, by the type sniffed from the bytes:
 * images, video, audio, PDF, office documents, text and vCards (the table in
 * contract/mime.ts). Everything else (programs, scripts, archives, disk
 * images, shortcuts …) is refused: a shop has no reason to send it, and a
 * mis-click must not turn the shop's line into a malware channel.
 */

/** Bytes that only say "text": the name must say which text, or a script would pass as text. */
const TEXT_EXTENSIONS: Record<string, string> = { txt: 'text/plain', csv: 'text/csv', tsv: 'text/tab-separated-values', md: 'text/plain', vcf: 'text/vcard', ics: 'text/calendar' };
/** Old binary office files share their container with installers (.msi): the name decides. */
const CFB_EXTENSIONS = new Set(['doc', 'xls', 'ppt']);
/** Names that make a desktop run a file, whatever its bytes are. */
const PROGRAM_EXTENSIONS = new Set(
  'exe com bat cmd scr pif cpl msi msp msc ps1 psm1 vbs vbe js jse mjs wsf wsh hta sh bash zsh csh command run bin appimage app apk jar lnk url reg inf iso img dmg deb rpm py pl rb php scf'.split(
    ' ',
  ),
);

export type SendCheck = { ok: true; mime: string } | { ok: false; reason: 'file_type_not_allowed'; message: string };

/** The extension of a name as the receiving desktop reads it (bidi tricks undone). */
function extensionOf(fileName: string): string {
  const shown = neutraliseFileName(fileName).trim().replace(/[.\s]+$/, '');
  const dot = shown.lastIndexOf('.');
  return dot <= 0 ? '' : shown.slice(dot + 1).toLowerCase();
}

/** Whether a file may be sent, judged by its sniffed bytes and (for ambiguous containers) its name. */
export function checkSendable(sniffedMime: string, fileName: string): SendCheck {
  const ext = extensionOf(fileName);
  const refuse = (why: string): SendCheck => ({ ok: false, reason: 'file_type_not_allowed', message: why });
  if (PROGRAM_EXTENSIONS.has(ext)) return refuse(`fileName: .${ext} files are programs or scripts and are not sent to customers`);
  if (sniffedMime === 'text/plain') {
    const asText = TEXT_EXTENSIONS[ext];
    if (asText) return { ok: true, mime: asText === 'text/vcard' || asText === 'text/calendar' ? asText : 'text/plain' };
    return refuse('fileName: plain text is sent only as .txt, .csv, .tsv, .md, .vcf or .ics');
  }
  if (sniffedMime === 'application/x-cfb') {
    if (CFB_EXTENSIONS.has(ext)) return { ok: true, mime: sniffedMime };
    return refuse('fileName: this container type is sent only as an old Word, Excel or PowerPoint file');
  }
  if (isSendableMime(sniffedMime)) return { ok: true, mime: sniffedMime };
  return refuse(
    `fileName: files of type ${sniffedMime} are not sent to customers; allowed are images, video, audio, PDF, office documents, text and vCards`,
  );
}
