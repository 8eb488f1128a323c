// Reviews, ranking and quality tiers: pure rules (no zod, no word lists — see `/moderation`), safe for browser code.
export * from './ranking.ts';
export * from './tiers.ts';
export * from './reviews.ts';
