/**
 * How the site's server speaks for a visitor: it calls the API from its own address, so it names
 * the visitor's address in CLIENT_ADDRESS_HEADER and proves it is the site with the shared secret.
 * The API trusts the named address only with that proof (sign-in throttling is per address).
 */
export const SITE_SECRET_HEADER = 'x-handled-site-secret';
export const CLIENT_ADDRESS_HEADER = 'x-handled-client-address';

/** Public, so only for the offline sandbox: the API refuses to start in production with it. */
export const SANDBOX_SITE_PROXY_SECRET = 'sandbox-site-proxy-secret-change-me';
