/** Decodes base64 (files arrive as base64 inside JSON calls) into bytes; throws on invalid input. */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const clean = b64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) {
    throw new Error('invalid base64');
  }
  const bin = atob(clean);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Offers bytes as a file download without leaving the page. */
export function downloadBytes(fileName: string, bytes: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started from the URL by now; free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file main sent as base64, offered as a download. */
export const downloadBase64 = (fileName: string, base64: string, type: string): void => downloadBytes(fileName, base64ToBytes(base64), type);
