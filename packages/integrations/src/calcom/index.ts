// Cal.com: the API client, OAuth, the resilient port the services use, payload schemas and webhooks.
export * from './client.ts';
export * from './errors.ts';
export * from './oauth.ts';
export * from './port.ts';
export * from './schemas.ts';
export * from './webhooks.ts';
