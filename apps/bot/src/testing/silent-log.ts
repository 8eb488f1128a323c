import type { BotLogger } from '../context.ts';

/** Keeps test output clean while still collecting what the bot logged. */
export function memoryLog(): BotLogger & { entries: { level: string; msg: string; data: object }[] } {
  const entries: { level: string; msg: string; data: object }[] = [];
  return {
    entries,
    info: (data, msg) => void entries.push({ level: 'info', msg, data }),
    error: (data, msg) => void entries.push({ level: 'error', msg, data }),
  };
}
