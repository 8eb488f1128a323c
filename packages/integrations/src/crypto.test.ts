import { describe, expect, it } from 'vitest';
import { createSecretBox } from './crypto.ts';

describe('secret box (AES-256-GCM)', () => {
  const box = createSecretBox('sandbox-calcom-encryption-key-0123456789');

  it('round-trips and never shows the plaintext', () => {
    const sealed = box.seal('cal_live_abcdef123456');
    expect(sealed).not.toContain('cal_live');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(box.open(sealed)).toBe('cal_live_abcdef123456');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a tampered value and a wrong key', () => {
    const sealed = box.seal('secret-token');
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[3] ?? '', 'base64url');
    ct[0] = (ct[0] ?? 0) ^ 1;
    expect(() => box.open([parts[0], parts[1], parts[2], ct.toString('base64url')].join('.'))).toThrow();
    expect(() => createSecretBox('another-key-entirely-0123456789').open(sealed)).toThrow();
  });

  it('takes a 64-hex key as raw bytes', () => {
    const hex = createSecretBox('a'.repeat(64));
    expect(hex.open(hex.seal('x'))).toBe('x');
  });
});
