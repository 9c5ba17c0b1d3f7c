// Lint keeps the boundaries of ARCHITECTURE.md: `electron` only in main and preload, nothing from
// Node or the DOM in shared/, zustand only behind renderer/store.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const coreNoElectron = {
  name: 'electron',
  message: 'The core runs in plain Node: OS calls are passed in from electron/main.',
};
const noSqliteOutsideStore = {
  name: 'better-sqlite3',
  message: 'SQL lives in electron/core/store: call a table module (store/tables) or a service.',
};
const coreNoRenderer = { group: ['**/renderer/**'], message: 'The core does not import the renderer.' };
const onlyTablesWrite = {
  group: ['**/db/mutate.ts'],
  allowTypeImports: true,
  message: 'Only table modules (electron/core/store/tables) write, through mutate().',
};

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'better-sqlite3'];

export default tseslint.config(
  {
    ignores: ['out/**', 'release/**', 'node_modules/**', 'reports/**', 'test-results/**', 'scratch/**', 'docs/**/*.py'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'smart'],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'electron may be imported only in electron/main and electron/preload.' },
          ],
          patterns: [{ group: ['zustand', 'zustand/*'], message: 'Use the store in renderer/store.' }],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.ts'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', '../core/*', '../../electron/core/*'],
              message: 'The sandboxed preload uses shared/ and electron only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/store/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Not in the renderer.' }] }] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'shared/ is pure.' },
            { name: 'react', message: 'shared/ is pure.' },
          ],
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure: no Node.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing from the processes.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through window.api.' }],
          patterns: [
            { group: nodeBuiltins, message: 'No Node in the renderer.' },
            { group: ['**/electron/main/**', '**/electron/core/**'], message: 'The renderer imports shared/ only.' },
            { group: ['zustand', 'zustand/*'], message: 'Use the store in renderer/store.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'No electron in the renderer.' }],
          patterns: [{ group: nodeBuiltins, message: 'No Node in the renderer.' }],
        },
      ],
    },
  },
  // The core: no electron (OS calls are passed in), nothing of the renderer. SQL lives only in the
  // store: nothing else opens the database, and only table modules (and the write path itself)
  // write, through mutate(). Services speak domain types, so they never hold the connection.
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [coreNoElectron, noSqliteOutsideStore],
          patterns: [coreNoRenderer, onlyTablesWrite],
        },
      ],
    },
  },
  {
    files: ['electron/core/store/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [coreNoElectron], patterns: [coreNoRenderer, onlyTablesWrite] },
      ],
    },
  },
  {
    files: ['electron/core/store/tables/**/*.ts', 'electron/core/store/db/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [coreNoElectron], patterns: [coreNoRenderer] }],
    },
  },
  {
    files: ['electron/core/services/**/*.ts', 'electron/core/handlers/**/*.ts', 'electron/core/cli/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='caseDb'][property.name='db']",
          message: 'Reach the case through a table module in electron/core/store/tables, not its connection.',
        },
        {
          selector: "CallExpression[callee.property.name='statement']",
          message: 'SQL lives in electron/core/store; add a function to a table module.',
        },
      ],
    },
  },
);
