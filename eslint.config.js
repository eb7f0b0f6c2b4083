import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'release/**', 'native/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Electron stays at the edge: only main/shell and preload may import it.
    files: ['main/**/*.ts', 'renderer/**/*.{ts,tsx}', 'test/**/*.ts'],
    ignores: ['main/shell/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main/shell/ and preload/ may import electron.' }] }],
    },
  },
  {
    // The renderer knows only the typed API: never Node, never SQL.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...['electron', 'better-sqlite3', 'whatsapp-web.js', 'ws'].map((name) => ({ name, message: 'The renderer talks to main only through the typed API.' })),
            // Its hook copies the i18next instance for every component it mounts (see i18n/use-translation.ts).
            { name: 'react-i18next', importNames: ['useTranslation'], message: "Use useTranslation from renderer/src/i18n/use-translation: one shared t per language." },
          ],
          patterns: [{ group: ['node:*', '**/main/store/**', '**/main/core/**', '**/main/channels/**'], message: 'The renderer talks to main only through the typed API.' }],
        },
      ],
    },
  },
);
