import { describe, expect, it } from 'vitest';
import { SANDBOX_SITE_PROXY_SECRET } from '@handled/client/site-proxy';
import { parseSiteEnv } from './site-env.ts';

describe('parseSiteEnv', () => {
  it('runs the sandbox on defaults', () => {
    const e = parseSiteEnv({ API_URL: 'http://127.0.0.1:9999/', VAPID_PUBLIC_KEY: '' });
    expect(e).toMatchObject({ API_URL: 'http://127.0.0.1:9999', SITE_PROXY_SECRET: SANDBOX_SITE_PROXY_SECRET, NODE_ENV: 'development' });
    expect(e.VAPID_PUBLIC_KEY).toBeUndefined();
  });

  it('refuses production without its own proxy secret', () => {
    expect(() => parseSiteEnv({ NODE_ENV: 'production' })).toThrow('SITE_PROXY_SECRET is not set');
    expect(() => parseSiteEnv({ NODE_ENV: 'production', SITE_PROXY_SECRET: SANDBOX_SITE_PROXY_SECRET })).toThrow(
      'SITE_PROXY_SECRET is the public sandbox default',
    );
    expect(parseSiteEnv({ NODE_ENV: 'production', SITE_PROXY_SECRET: 'a-real-site-secret-0001' }).SITE_PROXY_SECRET).toBe(
      'a-real-site-secret-0001',
    );
  });

  it('refuses a malformed value with its name', () => {
    expect(() => parseSiteEnv({ API_URL: 'not a url' })).toThrow(/API_URL/);
    expect(() => parseSiteEnv({ SITE_PROXY_SECRET: 'short' })).toThrow(/SITE_PROXY_SECRET/);
  });
});
