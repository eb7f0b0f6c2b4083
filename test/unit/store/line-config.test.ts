import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WHATSAPP_SESSION_DIR, hasWhatsAppSession, readLineConfig, writeLineConfig } from '../../../main/store/line-config';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('hasWhatsAppSession', () => {
  it('is linked only when the session folder holds something', () => {
    const dir = tempDir();
    expect(hasWhatsAppSession(dir)).toBe(false);
    expect(hasWhatsAppSession(path.join(dir, 'missing'))).toBe(false);
    const session = path.join(dir, WHATSAPP_SESSION_DIR);
    mkdirSync(session);
    expect(hasWhatsAppSession(dir)).toBe(false);
    writeFileSync(path.join(session, 'Default'), '');
    expect(hasWhatsAppSession(dir)).toBe(true);
  });

  it('a file where the folder should be is not a linked line', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, WHATSAPP_SESSION_DIR), 'x');
    expect(hasWhatsAppSession(dir)).toBe(false);
  });
});

describe('line.json', () => {
  it('defaults to the demo, or to WhatsApp when a session is already on disk', () => {
    const dir = tempDir();
    expect(readLineConfig(dir)).toEqual({ mode: 'demo', browserPath: '' });
    mkdirSync(path.join(dir, WHATSAPP_SESSION_DIR));
    writeFileSync(path.join(dir, WHATSAPP_SESSION_DIR, 'Default'), '');
    expect(readLineConfig(dir).mode).toBe('whatsapp');
  });

  it('keeps the recorded choice and the browser path; a damaged file falls back safely', () => {
    const dir = tempDir();
    writeLineConfig(dir, { mode: 'whatsapp' });
    writeLineConfig(dir, { browserPath: '/opt/chrome/chrome' });
    expect(readLineConfig(dir)).toEqual({ mode: 'whatsapp', browserPath: '/opt/chrome/chrome' });
    writeFileSync(path.join(dir, 'line.json'), '{"mode": 42, "browserPath": ["x"]');
    expect(readLineConfig(dir)).toEqual({ mode: 'demo', browserPath: '' });
  });
});
