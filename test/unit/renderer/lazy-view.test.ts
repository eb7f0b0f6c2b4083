import { describe, expect, it } from 'vitest';
import { failedModuleUrl } from '../../../renderer/src/app/lazy-view';

describe('failedModuleUrl: the address a retry fetches again under a fresh query', () => {
  it("reads the address from Chromium's failed dynamic import", () => {
    const err = new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1:4000/assets/SettingsView-BKTl9rS9.js');
    expect(failedModuleUrl(err)).toBe('http://127.0.0.1:4000/assets/SettingsView-BKTl9rS9.js');
  });

  it("reads the app protocol's address (the Electron window)", () => {
    expect(failedModuleUrl(new TypeError('Failed to fetch dynamically imported module: app://tresen/assets/CasesView-x1.js'))).toBe('app://tresen/assets/CasesView-x1.js');
  });

  it('gives nothing for other failures, so the next attempt imports as before', () => {
    expect(failedModuleUrl(new Error('Unable to load http://127.0.0.1:4000/assets/SettingsView-9SKBt92K.css'))).toBeNull();
    expect(failedModuleUrl(new TypeError('Importing a module script failed.'))).toBeNull();
    expect(failedModuleUrl('offline')).toBeNull();
  });

  it('does not take an address of another kind from the message', () => {
    expect(failedModuleUrl(new TypeError('Failed to fetch dynamically imported module: javascript:alert(1)'))).toBeNull();
    expect(failedModuleUrl(new TypeError('Failed to fetch dynamically imported module: data:text/javascript,1'))).toBeNull();
  });
});
