import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { electronNativeDir } from '../../../main/store/native-binding';

const root = path.resolve(__dirname, '../../..');
const require = createRequire(path.join(root, 'package.json'));
// electron-builder's own YAML reader and config validation.
const yaml = require('js-yaml') as { load(text: string): Record<string, unknown> };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));

describe('electron-builder.yml', () => {
  it('is a valid electron-builder configuration', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  }, 60_000);

  it('ships the bundles and the Electron build of better-sqlite3, unpacked and not rebuilt', () => {
    expect(config.appId).toBe('de.tresen.app');
    expect(config.productName).toBe('Tresen');
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json', 'native/**']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'native/**']));
    expect(config.npmRebuild).toBe(false);
  });

  it('keeps electron-builder\'s default deb dependencies and recommends a browser for the line and the GNOME tray extension', () => {
    const deb = config.deb as { depends: string[]; recommends: string[] };
    for (const pkg of ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0']) {
      expect(deb.depends, pkg).toContain(pkg);
    }
    expect(deb.recommends.find((r) => r.split('|').map((x) => x.trim()).includes('chromium'))).toMatch(/google-chrome-stable/);
    expect(deb.recommends).toContain('gnome-shell-extension-appindicator');
  });

  it('burns the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('rebuild script', () => {
  it('writes where the app looks, for the installed Electron ABI', async () => {
    const script = (await import(pathToFileURL(path.join(root, 'scripts/rebuild-electron-native.mjs')).href)) as {
      nativeDir(abi: string): string;
      electronTarget(): { version: string; abi: string };
    };
    const { version, abi } = script.electronTarget();
    const electronPkg = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string };
    expect(version).toBe(electronPkg.version);
    const nodeAbi = require('node-abi') as { getAbi(target: string, runtime: string): string };
    expect(abi).toBe(String(nodeAbi.getAbi(version, 'electron')));
    expect(script.nativeDir(abi)).toBe(path.join(root, electronNativeDir(abi)));
  });

  it('configures electron-updater: a generic update server (placeholder URL over https) and the latest channel', () => {
    const publish = config.publish as { provider: string; url: string; channel: string };
    expect(publish.provider).toBe('generic');
    expect(publish.url).toMatch(/^https:\/\//);
    expect(publish.channel).toBe('latest');
    // electron-updater must ship with the app (a dependency, not a dev dependency).
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['electron-updater']).toBeDefined();
  });
});

describe('npm ci', () => {
  it("does not download puppeteer's Chrome: the project's .puppeteerrc.cjs says so, without any environment variable", () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PUPPETEER_')));
    const getConfiguration = require.resolve('puppeteer/lib/cjs/puppeteer/getConfiguration.js');
    // puppeteer's install step reads its configuration like this, searching upward from below the project root.
    const out = execFileSync(process.execPath, ['-e', `process.stdout.write(JSON.stringify(require(${JSON.stringify(getConfiguration)}).getConfiguration()))`], {
      cwd: path.join(root, 'main'),
      env,
    });
    const configuration = JSON.parse(out.toString()) as { skipDownload?: boolean; chrome?: { skipDownload?: boolean } };
    expect(configuration.skipDownload).toBe(true);
    expect(configuration.chrome?.skipDownload).toBe(true);
  });
});
