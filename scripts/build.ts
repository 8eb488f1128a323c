/**
 * `pnpm build`: compiles the API, bot, emulators, seed and supervisor (scripts/lib/bundle.ts) and
 * builds the site and the desk renderer (browser mode) into a fresh release folder
 * (releases/<id>/{server,bot,emulators,seed,web,desk}), then points releases/current at it in one rename; a
 * running `pnpm start` keeps serving the release it started from (see scripts/lib/releases.ts).
 * Also builds the Electron app (apps/desk/out/main, preload, renderer), which nothing here serves.
 * Builds take turns (releases/.build.lock): SvelteKit writes apps/web/.svelte-kit while it builds.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { bundleApps } from './lib/bundle.ts';
import { acquireBuildLock, newRelease, publishRelease, pruneReleases, repoRoot } from './lib/releases.ts';

function pnpm(args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn('pnpm', args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('error', fail);
    child.on('exit', (code, signal) =>
      code === 0 ? ok() : fail(new Error(`pnpm ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

async function main() {
  const lock = await acquireBuildLock(undefined, (pid) =>
    console.log(`Waiting for the build running as pid ${pid} (releases/.build.lock) …`),
  );
  try {
    const release = newRelease(lock);
    let apps: string[];
    try {
      // The Node apps, as plain JavaScript for `node` (pnpm start runs these).
      apps = await bundleApps(release.dir);

      // The site: adapter-node writes where WEB_BUILD_OUT says (apps/web/svelte.config.js). Its server
      // imports the site's dependencies at run time: node_modules links to the site's own.
      const web = join(release.dir, 'web');
      await pnpm(['--filter', '@handled/web', 'run', 'build'], { WEB_BUILD_OUT: web });
      symlinkSync(relative(web, resolve(repoRoot, 'apps/web/node_modules')), join(web, 'node_modules'));
      writeFileSync(join(web, 'package.json'), `${JSON.stringify({ private: true, type: 'module' })}\n`);

      const desk = join(release.dir, 'desk');
      mkdirSync(desk);
      await pnpm(['--filter', '@handled/desk', 'run', 'web:build', '--outDir', desk]);

      await pnpm(['--filter', '@handled/desk', 'run', 'build']);
    } catch (e) {
      rmSync(release.dir, { recursive: true, force: true });
      throw e;
    }
    const manifest = publishRelease(lock, release.id, [...apps, 'web', 'desk']);
    const { kept, removed } = pruneReleases(lock);
    console.log(
      `\nreleases/current -> ${manifest.id} (kept: ${kept.join(', ')}${removed.length ? `; removed: ${removed.join(', ')}` : ''})`,
    );
  } finally {
    lock.release();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
