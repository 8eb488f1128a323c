import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const preload = fileURLToPath(new URL('./shift-clock.mjs', import.meta.url));
const clockAt = (at: string, script: string, offset?: string) =>
  execFileSync(process.execPath, ['--import', preload, '-e', script], {
    env: { ...process.env, HANDLED_CLOCK: at, HANDLED_CLOCK_OFFSET_MS: offset ?? '' },
    encoding: 'utf8',
  }).trim();

describe('HANDLED_CLOCK', () => {
  it('moves now, keeps explicit dates, and runs on from there', () => {
    const [now, epoch, isDate, later] = JSON.parse(
      clockAt(
        '2028-02-29T23:30:00Z',
        'const a = Date.now(); const t = Date.now() + 50; while (Date.now() < t); console.log(JSON.stringify([new Date(a).toISOString(), new Date(0).toISOString(), new Date() instanceof Date, Date.now() - a]))',
      ),
    ) as [string, string, boolean, number];
    expect(Date.parse(now) - Date.parse('2028-02-29T23:30:00Z')).toBeLessThan(5_000);
    expect(epoch).toBe('1970-01-01T00:00:00.000Z');
    expect(isDate).toBe(true);
    expect(later).toBeGreaterThanOrEqual(50);
  });

  it('hands its offset to child processes, so they agree with their parent', () => {
    const child = `require('child_process').execFileSync(process.execPath, ['-e', 'console.log(Date.now())'], { stdio: 'inherit' })`;
    const out = execFileSync(process.execPath, ['-e', `console.log(Date.now()); ${child}`], {
      env: { ...process.env, HANDLED_CLOCK: '2027-03-14T06:30:00Z', HANDLED_CLOCK_OFFSET_MS: '', NODE_OPTIONS: `--import ${preload}` },
      encoding: 'utf8',
    });
    const [parent, kid] = out.trim().split('\n').map(Number) as [number, number];
    expect(Math.abs(parent - Date.parse('2027-03-14T06:30:00Z'))).toBeLessThan(5_000);
    expect(kid - parent).toBeGreaterThanOrEqual(0);
    expect(kid - parent).toBeLessThan(5_000);
  });
});
