import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libraryModuleNames, standInModuleNames } from '../../../helpers/wa-standin/library-modules';
import { UNUSED_MODULES } from '../../../helpers/wa-standin/unused-modules';

/**
 * The stand-in WhatsApp Web page must not drift from the library: every
 * module whatsapp-web.js asks window.require for is either implemented by
 * the page or listed as a feature Tresen does not use.
 */
describe('stand-in page guard', () => {
  const page = readFileSync(join(process.cwd(), 'test', 'helpers', 'wa-standin', 'page.js'), 'utf8');

  it('offers every module the installed whatsapp-web.js requires', () => {
    const lib = libraryModuleNames();
    // The scan must see the library's core modules, or it scanned nothing useful.
    expect(lib).toEqual(expect.arrayContaining(['WAWebSocketModel', 'WAWebCollections', 'WAWebCmd', 'WAWebConnModel']));
    const offered = new Set([...standInModuleNames(page), ...UNUSED_MODULES]);
    expect(lib.filter((n) => !offered.has(n))).toEqual([]);
  });

  it('fails for a library that names a module the page lacks', () => {
    const offered = new Set([...standInModuleNames(page), ...UNUSED_MODULES]);
    const pretend = [...libraryModuleNames(), 'WAWebSomethingNew'];
    expect(pretend.filter((n) => !offered.has(n))).toEqual(['WAWebSomethingNew']);
  });

  it('implements, not merely lists, the modules on the path Tresen uses', () => {
    const implemented = standInModuleNames(page);
    for (const n of ['WAWebSocketModel', 'WAWebCollections', 'WAWebSendMsgChatAction', 'WAWebChatLoadMessages', 'WAWebFindChatAction', 'WAWebApiContact']) {
      expect(implemented).toContain(n);
      expect(UNUSED_MODULES).not.toContain(n);
    }
  });
});
