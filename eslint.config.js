// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Layers import only downward: shared <- renderer, shared <- electron. */
const layer = (files, forbidden, message) => ({
  files,
  ignores: ['**/*.config.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tools/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'bench/.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  layer(['shared/**/*.ts'], ['**/renderer/**', '**/electron/**', 'electron', 'electron/*', 'react', 'react-dom', 'node:*'], 'shared/ imports nothing of ours and no platform: it is used by every layer.'),
  layer(['renderer/**/*.{ts,tsx}'], ['**/electron/**', 'electron', 'electron/*', 'node:*', 'better-sqlite3-multiple-ciphers'], 'The renderer reaches main only through window.ipt; it imports shared/ only.'),
  layer(['electron/**/*.ts'], ['**/renderer/**'], 'electron/ imports shared/, never the renderer.'),
  {
    files: ['electron/main/services/**/*.ts', 'electron/host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Services run under plain Node: reach Electron through a platform interface.' }],
          patterns: [{ group: ['**/renderer/**'], message: 'electron/ imports shared/, never the renderer.' }],
        },
      ],
    },
  },
);
