import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppFile } from './app-files.ts';

const root = resolve('/opt/handled-desk/out/renderer');

describe('resolveAppFile', () => {
  it('serves files inside the renderer folder', () => {
    expect(resolveAppFile(root, 'handled-desk://app/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'handled-desk://app/assets/index-abc.js')).toBe(join(root, 'assets/index-abc.js'));
  });

  it('serves index.html for the root and extension-less paths', () => {
    expect(resolveAppFile(root, 'handled-desk://app/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'handled-desk://app/bookings/abc')).toBe(join(root, 'index.html'));
  });

  it('keeps dot segments the URL parser resolves inside the folder', () => {
    expect(resolveAppFile(root, 'handled-desk://app/../../../etc/passwd.txt')).toBe(join(root, 'etc/passwd.txt'));
    expect(resolveAppFile(root, 'handled-desk://app/%2e%2e/%2e%2e/etc/passwd.txt')).toBe(join(root, 'etc/passwd.txt'));
  });

  it.each([
    'handled-desk://app/assets/..%5c..%5csecret.json',
    'handled-desk://app/assets/..%2f..%2f..%2fsecret.json',
    'handled-desk://app/%00.js',
    'handled-desk://app/%E0%A4%A.js',
    'handled-desk://evil/index.html',
    'https://app/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });
});
