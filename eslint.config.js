import fs from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Dependency rules from CONVENTIONS.md, enforced here rather than in prose. They are written with ESLint's
 * own no-restricted-imports (matching import paths), so no resolver plugin is needed.
 */
const MODULES = fs.readdirSync('src/server/modules');
const WEB_FEATURES = fs.existsSync('src/web/features') ? fs.readdirSync('src/web/features') : [];

const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

const boundaryRules = [
  restrict(
    ['src/server/platform/**'],
    [{ regex: '(^|/)modules/', message: 'platform/ imports nothing from modules/' }],
  ),
  restrict(
    ['src/contracts/**'],
    [
      {
        regex: '(^|/)(server|web)/',
        message: 'contracts/ are shared by server and web: they import neither',
      },
    ],
  ),
  restrict(
    ['src/calendar/**', 'src/stats/**'],
    [{ regex: '(^|/)(server|web)/', message: 'pure libraries import nothing from the server or the web' }],
  ),
  restrict(
    ['src/web/**'],
    [{ regex: '(^|/)server/', message: 'the web talks to the server over HTTP only' }],
  ),
  restrict(
    ['src/web/components/**'],
    [{ regex: '(^|/)features/', message: 'shared components import no feature' }],
  ),
  // Web features do not import each other.
  ...WEB_FEATURES.map((f) =>
    restrict(
      [`src/web/features/${f}/**`],
      WEB_FEATURES.filter((o) => o !== f).map((o) => ({
        regex: `^\\.\\.?/(\\.\\./)*(features/)?${o}/`,
        message: 'web features do not import each other',
      })),
    ),
  ),
  // A module reaches another only through its index.ts.
  ...MODULES.map((m) =>
    restrict(
      [`src/server/modules/${m}/**`],
      [
        {
          regex: `^\\.\\./(?!${m}/)[a-z-]+/(?!index\\.js$)`,
          message: 'import another module only through its index.ts',
        },
      ],
    ),
  ),
  restrict(
    ['src/server/*.ts', 'src/server/db/**'],
    [
      {
        regex: '(^|/)modules/[a-z-]+/(?!index\\.js$|[a-z-]+\\.tables\\.js$)',
        message: 'use a module through its index.ts',
      },
    ],
  ),
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  ...tseslint.configs.recommended,
  {
    rules: {
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
  ...boundaryRules,
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
