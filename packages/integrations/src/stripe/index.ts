// Stripe through its official SDK: the client, Connect accounts, invoices, money movements and webhooks.
export * from './client.ts';
export * from './connect.ts';
export * from './invoices.ts';
export * from './money-movements.ts';
export * from './webhooks.ts';
