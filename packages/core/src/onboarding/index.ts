// A provider's listing: its steps, the places and taxes it can be in, its languages. No zod (browser code).
export * from './steps.ts';
export * from './regions.ts';
export * from './languages.ts';
