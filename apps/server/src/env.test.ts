import { describe, expect, it } from 'vitest';
import { loadEnv, sandboxSecrets } from './env.ts';

const realSecrets = {
  AUTH_SECRET: 'a-real-production-secret-of-enough-length-0001',
  BOT_SERVICE_SECRET: 'a-real-bot-secret-0001',
  SITE_PROXY_SECRET: 'a-real-site-secret-0001',
  STRIPE_WEBHOOK_SECRET: 'whsec_real_0001',
  CALCOM_WEBHOOK_SECRET: 'a-real-calcom-secret-0001',
  ENCRYPTION_KEY: 'a-real-encryption-key-0001',
};

describe('loadEnv in production', () => {
  it('refuses to start with no secrets, naming every one', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(
      [
        'Refusing to start in production with public or missing secrets:',
        '  - AUTH_SECRET is not set',
        '  - BOT_SERVICE_SECRET is not set',
        '  - SITE_PROXY_SECRET is not set',
        '  - STRIPE_WEBHOOK_SECRET is not set',
        '  - CALCOM_WEBHOOK_SECRET is not set',
        '  - ENCRYPTION_KEY (or CALCOM_ENCRYPTION_KEY) is not set',
      ].join('\n'),
    );
  });

  it.each(Object.keys(realSecrets) as (keyof typeof realSecrets)[])('refuses the public sandbox default of %s', (name) => {
    const attempt = () => loadEnv({ NODE_ENV: 'production', ...realSecrets, [name]: sandboxSecrets[name] });
    expect(attempt).toThrow(/Refusing to start in production/);
    expect(attempt).toThrow(new RegExp(`- ${name}.* is the public sandbox default`));
  });

  it('starts with real secrets (the encryption key may be the Cal.com one)', () => {
    const { ENCRYPTION_KEY: _, ...rest } = realSecrets;
    const env = loadEnv({ NODE_ENV: 'production', ...rest, CALCOM_ENCRYPTION_KEY: 'a-real-calcom-encryption-key-01' });
    expect(env.AUTH_SECRET).toBe(realSecrets.AUTH_SECRET);
    expect(env.DEBUG_ERRORS).toBe(false);
  });

  it('the sandbox and tests still start on the defaults', () => {
    expect(loadEnv({}).SITE_PROXY_SECRET).toBe(sandboxSecrets.SITE_PROXY_SECRET);
    expect(loadEnv({ NODE_ENV: 'test' }).AUTH_SECRET).toBe(sandboxSecrets.AUTH_SECRET);
    expect(loadEnv({ DEBUG_ERRORS: 'true' }).DEBUG_ERRORS).toBe(true);
  });
});
