import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import { AwsClient } from 'aws4fetch';

/**
 * Where private files (booking photos, receipts) live. Keys are relative paths such as
 * `bookings/<id>/<file>.jpg`; nothing here is public — files go out only through routes that
 * check who is asking.
 */
export interface FileStorage {
  readonly kind: 'local' | 's3';
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** The bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<{ body: Uint8Array; contentType: string } | null>;
  delete(key: string): Promise<void>;
}

const safeKey = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function assertKey(key: string): void {
  if (!safeKey.test(key) || key.includes('..')) throw new Error(`Unsafe storage key: ${key}`);
}

const typesByExtension: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

export function contentTypeOf(key: string): string {
  return typesByExtension[key.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

/** Files on this machine under `root` (DATA_DIR/uploads by default); writes are atomic renames. */
export function createLocalStorage(root: string): FileStorage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    assertKey(key);
    const p = resolve(base, key);
    if (!p.startsWith(base + sep)) throw new Error(`Storage key escapes the root: ${key}`);
    return p;
  };
  return {
    kind: 'local',
    async put(key, body) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      const tmp = join(dirname(target), `.${randomUUID()}.part`);
      await writeFile(tmp, body);
      await rename(tmp, target);
    },
    async get(key) {
      try {
        return { body: await readFile(pathOf(key)), contentType: contentTypeOf(key) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

export interface S3Config {
  /** e.g. https://s3.eu-west-1.amazonaws.com, https://<account>.r2.cloudflarestorage.com, http://127.0.0.1:9000 */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (endpoint/bucket/key), as MinIO and most S3-compatible stores expect. */
  forcePathStyle: boolean;
  /** Prepended to every key, e.g. "handled/". */
  prefix?: string;
}

/** S3-compatible object storage over plain signed fetches (SigV4 via aws4fetch). */
export function createS3Storage(config: S3Config, fetchImpl: typeof fetch = fetch): FileStorage {
  const aws = new AwsClient({
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    region: config.region,
    service: 's3',
  });
  const endpoint = new URL(config.endpoint);
  const urlOf = (key: string) => {
    assertKey(key);
    const path = `${config.prefix ?? ''}${key}`.split('/').map(encodeURIComponent).join('/');
    if (config.forcePathStyle) return `${endpoint.origin}/${config.bucket}/${path}`;
    return `${endpoint.protocol}//${config.bucket}.${endpoint.host}/${path}`;
  };
  const send = async (key: string, init: RequestInit) => {
    const signed = await aws.sign(urlOf(key), init);
    return fetchImpl(signed);
  };
  return {
    kind: 's3',
    async put(key, body, contentType) {
      const res = await send(key, { method: 'PUT', body: body.slice(), headers: { 'content-type': contentType } });
      if (!res.ok) throw new Error(`S3 PUT ${key} failed: ${res.status} ${await res.text()}`);
    },
    async get(key) {
      const res = await send(key, { method: 'GET' });
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`S3 GET ${key} failed: ${res.status}`);
      return { body: new Uint8Array(await res.arrayBuffer()), contentType: res.headers.get('content-type') ?? contentTypeOf(key) };
    },
    async delete(key) {
      const res = await send(key, { method: 'DELETE' });
      if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${key} failed: ${res.status}`);
    },
  };
}
