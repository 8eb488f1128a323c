import { describe, expect, it } from 'vitest';
import { checkPasswordStrength } from './password-strength.ts';

describe('checkPasswordStrength', () => {
  it.each(['12345678', 'password', 'aaaaaaaa', 'qwertyuiop', 'password123'])('refuses %s with a reason', (pw) => {
    const verdict = checkPasswordStrength(pw);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.message).toMatch(/^Choose a stronger password\. .+\./);
  });

  it('accepts passphrases and the demo password', () => {
    expect(checkPasswordStrength('demo-pass-2026')).toEqual({ ok: true });
    expect(checkPasswordStrength('sunny-otter-kettle-42')).toEqual({ ok: true });
  });

  it("counts the person's own name and email against the password", () => {
    expect(checkPasswordStrength('maya lopez 2026').ok).toBe(true);
    expect(checkPasswordStrength('maya lopez 2026', ['Maya Lopez', 'maya.lopez@example.com']).ok).toBe(false);
  });
});
