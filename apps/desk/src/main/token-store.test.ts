import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createTokenStore } from './token-store.ts';

// Electron's safeStorage, mocked: a reversible stand-in cipher that tags what it encrypted.
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: vi.fn(() => true),
    encryptString: vi.fn((plain: string) => Buffer.from(`enc:${Buffer.from(plain).toString('base64')}`)),
    decryptString: vi.fn((data: Buffer) => {
      const s = data.toString();
      if (!s.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(s.slice(4), 'base64').toString();
    }),
  },
}));
const { safeStorage } = await import('electron');

const TOKEN = 'Xk3v9QeZx1pLm0aBcDeF.signedPart+/=';
const files = { readFile, writeFile, rm };
let path: string;

beforeEach(() => {
  path = join(mkdtempSync(join(tmpdir(), 'desk-token-')), 'session.bin');
  vi.mocked(safeStorage.isEncryptionAvailable).mockReturnValue(true);
});

describe('token store', () => {
  it('writes the token encrypted, and a fresh store (next launch) reads it back', async () => {
    await createTokenStore({ cipher: safeStorage, files, path }).set(TOKEN);
    const onDisk = readFileSync(path);
    expect(onDisk.toString()).not.toContain(TOKEN);
    expect(safeStorage.encryptString).toHaveBeenCalledWith(TOKEN);
    expect(await createTokenStore({ cipher: safeStorage, files, path }).get()).toBe(TOKEN);
  });

  it('has no token before sign-in', async () => {
    expect(await createTokenStore({ cipher: safeStorage, files, path }).get()).toBeNull();
  });

  it('clear forgets it in memory and on disk', async () => {
    const store = createTokenStore({ cipher: safeStorage, files, path });
    await store.set(TOKEN);
    await store.clear();
    expect(existsSync(path)).toBe(false);
    expect(await store.get()).toBeNull();
    expect(await createTokenStore({ cipher: safeStorage, files, path }).get()).toBeNull();
  });

  it('never writes plain text when the OS has no encryption: memory only', async () => {
    vi.mocked(safeStorage.isEncryptionAvailable).mockReturnValue(false);
    const store = createTokenStore({ cipher: safeStorage, files, path });
    await store.set(TOKEN);
    expect(existsSync(path)).toBe(false);
    expect(await store.get()).toBe(TOKEN);
    expect(await createTokenStore({ cipher: safeStorage, files, path }).get()).toBeNull();
  });

  it('drops a file it cannot decrypt (another keychain) instead of failing', async () => {
    writeFileSync(path, 'garbage from another machine');
    expect(await createTokenStore({ cipher: safeStorage, files, path }).get()).toBeNull();
    expect(existsSync(path)).toBe(false);
  });

  it('refuses to store something that is not a token', async () => {
    const store = createTokenStore({ cipher: safeStorage, files, path });
    await expect(store.set('')).rejects.toThrow();
    await expect(store.set('has spaces and <script>')).rejects.toThrow();
    expect(existsSync(path)).toBe(false);
  });
});
