import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (Cal.com tokens and API keys): AES-256-GCM with a random 96-bit IV per value.
 * Sealed form: `v1.<iv>.<tag>.<ciphertext>` (base64url). The key comes from the environment:
 * 64 hex chars or base64 of 32 bytes are used as they are; any other string is hashed (SHA-256),
 * which is fine for the sandbox default but real deployments should set a random 32-byte key.
 */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

function keyFrom(material: string): Buffer {
  if (/^[0-9a-f]{64}$/i.test(material)) return Buffer.from(material, 'hex');
  const b64 = Buffer.from(material, 'base64');
  if (b64.length === 32 && /^[A-Za-z0-9+/_-]{43}=?$/.test(material)) return b64;
  return createHash('sha256').update(material, 'utf8').digest();
}

export function createSecretBox(keyMaterial: string): SecretBox {
  if (keyMaterial.length < 16) throw new Error('The encryption key must be at least 16 characters');
  const key = keyFrom(keyMaterial);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, ct] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || ct === undefined) throw new Error('Not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
