import type { Hono } from 'hono';

/** A link shown on the `/_/` index page. */
export interface HumanPage {
  title: string;
  href: string;
  description?: string;
}

/** What every emulator gives the root app: its routes, its pages and its saved state. */
export interface EmulatorModule {
  name: string;
  app: Hono;
  pages: HumanPage[];
  snapshot?(): unknown;
  restore?(data: unknown): void;
  close?(): Promise<void> | void;
}

export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
export const unixSeconds = (clock: Clock): number => Math.floor(clock() / 1000);
