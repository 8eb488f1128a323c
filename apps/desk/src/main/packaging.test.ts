import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { APP_SCHEME } from './app-files.ts';

/**
 * The electron-builder configuration, checked statically: the Electron binary (and so a real
 * package) cannot be made on these machines. What each platform gets, the link scheme the OS
 * hands to us, the update feed, and that every file it names exists.
 */
const deskRoot = resolve(import.meta.dirname, '../..');
const raw: unknown = JSON.parse(readFileSync(resolve(deskRoot, 'electron-builder.json'), 'utf8'));
const pkg = z
  .object({ main: z.string(), description: z.string().min(1), author: z.string().min(1) })
  .parse(JSON.parse(readFileSync(resolve(deskRoot, 'package.json'), 'utf8')));

const config = z
  .object({
    appId: z.string().regex(/^[a-z]+(\.[a-z0-9-]+){2,}$/),
    productName: z.literal('Handled Desk'),
    directories: z.object({ output: z.string(), buildResources: z.string() }),
    files: z.array(z.string()),
    extraMetadata: z.object({ main: z.string() }),
    protocols: z.array(z.object({ name: z.string(), schemes: z.array(z.string()) })),
    linux: z.object({ target: z.array(z.string()), icon: z.string(), mimeTypes: z.array(z.string()), maintainer: z.string() }),
    mac: z.object({ target: z.array(z.string()), icon: z.string(), category: z.string().startsWith('public.app-category.') }),
    win: z.object({ target: z.array(z.string()), icon: z.string() }),
    nsis: z.object({ oneClick: z.boolean(), perMachine: z.boolean() }),
    publish: z.array(z.object({ provider: z.literal('generic'), url: z.url().startsWith('https://'), channel: z.string() })).min(1),
  })
  .parse(raw);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const b = readFileSync(path);
  expect(b.subarray(1, 4).toString()).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('electron-builder configuration', () => {
  it('packages Linux (AppImage, deb), macOS (dmg, and zip for updates) and Windows (NSIS)', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('registers the desk link scheme with each OS (deep links)', () => {
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual([APP_SCHEME]);
    expect(config.linux.mimeTypes).toContain(`x-scheme-handler/${APP_SCHEME}`);
  });

  it('publishes update metadata to a feed (latest.yml, latest-mac.yml, latest-linux.yml)', () => {
    expect(config.publish[0]!.url).toMatch(/\$\{os\}/);
  });

  it('ships the built app only — one bundled main, no node_modules — with the files main reads', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', 'resources/**/*', '!node_modules']));
    expect(config.extraMetadata.main).toBe('out/main/index.js');
    expect(resolve(deskRoot, pkg.main)).toBe(resolve(deskRoot, config.extraMetadata.main));
    for (const f of ['tray.png', 'tray@2x.png', 'tray-unread.png', 'tray-unread@2x.png', 'overlay-unread.png'])
      expect(existsSync(resolve(deskRoot, 'resources', f)), f).toBe(true);
    expect(pngSize(resolve(deskRoot, 'resources/tray@2x.png'))).toEqual({ width: 32, height: 32 });
  });

  it('has an app icon every platform can be made from (at least 512 px)', () => {
    for (const icon of new Set([config.linux.icon, config.mac.icon, config.win.icon])) {
      const { width, height } = pngSize(resolve(deskRoot, icon));
      expect(width).toBeGreaterThanOrEqual(512);
      expect(height).toBe(width);
    }
  });
});
