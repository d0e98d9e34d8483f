import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** Dependency rules from CONVENTIONS.md, enforced here rather than in prose. */
const boundaries = {
  'import-x/no-restricted-paths': [
    'error',
    {
      zones: [
        {
          target: './src/server/platform',
          from: './src/server/modules',
          message: 'platform/ imports nothing from modules/',
        },
        {
          target: './src/contracts',
          from: './src/server',
          message: 'contracts/ are shared with the web: no server imports',
        },
        { target: './src/contracts', from: './src/web', message: 'contracts/ import nothing from the web' },
        { target: './src/web', from: './src/server', message: 'the web talks to the server over HTTP only' },
        { target: './src/server', from: './src/web', message: 'the server imports nothing from the web' },
        {
          target: './src/web/components',
          from: './src/web/features',
          message: 'shared components import no feature',
        },
        // A module reaches another only through its index.ts.
        ...['identity', 'organisation', 'stakeholders', 'audit', 'setup', 'sample'].map((m) => ({
          target: `./src/server/modules/!(${m})/**/*`,
          from: `./src/server/modules/${m}/!(index).ts`,
          message: `import ${m} through its index.ts`,
        })),
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      ...boundaries,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-expect-error': 'allow-with-description', 'ts-ignore': true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Only src/server/config.ts reads process.env',
        },
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports' },
      ],
    },
  },
  {
    files: ['src/server/config.ts', 'scripts/**', 'bench/**', 'test/**', '.ci/**', 'src/**/*.test.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['*.config.ts', '*.config.js', 'test/support/postgres-global-setup.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/web/**/*.tsx', 'src/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
