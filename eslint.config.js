import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The workspace's packages that name entries in package.json "exports". */
const root = import.meta.dirname;
const packages = ['apps', 'packages']
  .flatMap((dir) => readdirSync(join(root, dir)).map((name) => join(dir, name)))
  .concat(['db', 'scripts'])
  .map((dir) => join(root, dir, 'package.json'))
  .filter((file) => existsSync(file))
  .map((file) => JSON.parse(readFileSync(file, 'utf8')))
  .filter((pkg) => pkg.exports);
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `@handled/x/anything-else`: past the entries package x names (its exports say what is public). */
const pastNamedEntries = packages.flatMap((pkg) => {
  const named = Object.keys(pkg.exports)
    .filter((key) => key !== '.')
    .map((key) => key.slice(2));
  if (named.some((n) => n.includes('*'))) return []; // a package still open to any path
  return {
    regex: `^${escapeRegex(pkg.name)}/(?!(?:${named.map(escapeRegex).join('|')})$)`,
    message: named.length
      ? `${pkg.name} is imported through its named entries: ${[pkg.name, ...named.map((n) => `${pkg.name}/${n}`)].join(', ')}.`
      : `${pkg.name} is imported through its main entry only.`,
  };
});
/**
 * SQL lives in repositories (packages/api/src/repositories/<domain>.ts), the only API code that
 * imports the tables or drizzle; services and routers call repositories (they may take a `Db` handle
 * from @handled/db to pass on, and open transactions with it).
 */
const sqlInRepositories = {
  group: ['drizzle-orm', 'drizzle-orm/*', '@handled/db/schema'],
  message: 'SQL lives in packages/api/src/repositories/<domain>.ts: call a repository function named for what it reads or writes.',
};
/** Only the server reaches the database; the site, the desk and the bot go through the API. */
const noDatabase = {
  group: ['@handled/db', '@handled/db/*'],
  message: 'Only the server talks to the database: read and write through the API (@handled/client).',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/build/**',
      '**/dist/**',
      '**/out/**',
      '**/.svelte-kit/**',
      'releases/**',
      'db/migrations/**',
      '**/.data/**',
      '**/screenshots/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      // The site is served at the root; links need no base-path resolution.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    // Package boundaries: no relative import climbs into another package (import it by name), and
    // no import reaches past the entries a package names in its exports.
    files: ['**/*.{js,mjs,ts,svelte}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.svelte', '.json'] })] },
    rules: {
      'import-x/no-relative-packages': 'error',
      'no-restricted-imports': ['error', { patterns: pastNamedEntries }],
    },
  },
  {
    files: ['apps/web/**', 'apps/desk/**', 'apps/bot/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...pastNamedEntries, noDatabase] }] },
  },
  {
    // Tests may read and arrange rows directly.
    files: ['packages/api/src/services/**/*.ts', 'packages/api/src/routers/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...pastNamedEntries, sqlInRepositories] }] },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // The booking core and the API carry no `any` at all.
    files: ['packages/core/**/*.ts', 'packages/api/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // Environment is read in one validated module per app (env.ts), nowhere else.
    files: ['packages/**/*.ts', 'apps/server/src/**/*.ts', 'apps/bot/src/**/*.ts'],
    ignores: ['**/env.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration from the validated env module.' },
      ],
    },
  },
);
