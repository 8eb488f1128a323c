/** The slice of Electron's `safeStorage` the token store needs. */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** The slice of `node:fs/promises` the token store needs. */
export interface TokenFiles {
  readFile(path: string): Promise<Buffer>;
  writeFile(path: string, data: Buffer, options: { mode: number }): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
}

export interface TokenStore {
  get(): Promise<string | null>;
  set(token: string): Promise<void>;
  clear(): Promise<void>;
}

const tokenShape = /^[A-Za-z0-9._~+/=-]{8,512}$/;

/**
 * Keeps the session token encrypted with the OS keychain (safeStorage) in a file under
 * userData. When the OS offers no encryption (some Linux desktops) the token lives in memory
 * only: the provider signs in again next launch rather than having it written in plain text.
 */
export function createTokenStore(deps: { cipher: SecretCipher; files: TokenFiles; path: string }): TokenStore {
  const { cipher, files, path } = deps;
  let memory: string | null = null;
  return {
    async get() {
      if (memory) return memory;
      if (!cipher.isEncryptionAvailable()) return null;
      let data: Buffer;
      try {
        data = await files.readFile(path);
      } catch {
        return null;
      }
      try {
        const token = cipher.decryptString(data);
        memory = tokenShape.test(token) ? token : null;
      } catch {
        // Encrypted by another user or keychain: unusable, so forget it.
        await files.rm(path, { force: true });
      }
      return memory;
    },
    async set(token) {
      if (!tokenShape.test(token)) throw new Error('That is not a session token');
      memory = token;
      if (cipher.isEncryptionAvailable()) await files.writeFile(path, cipher.encryptString(token), { mode: 0o600 });
    },
    async clear() {
      memory = null;
      await files.rm(path, { force: true });
    },
  };
}
