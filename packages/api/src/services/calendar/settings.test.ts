import { describe, expect, it } from 'vitest';
import { sandboxCalcomPage } from './settings.ts';

describe('sandboxCalcomPage', () => {
  it('points at the emulated Cal.com page when API and app share the emulator origin', () => {
    expect(sandboxCalcomPage({ apiUrl: 'http://127.0.0.1:4010', appUrl: 'http://127.0.0.1:4010' })).toBe('http://127.0.0.1:4010/_/calcom');
  });
  it('is null against Cal.com itself, a self-hosted Cal.com, or no Cal.com', () => {
    expect(sandboxCalcomPage({ apiUrl: 'https://api.cal.com', appUrl: 'https://app.cal.com' })).toBeNull();
    expect(sandboxCalcomPage({ apiUrl: 'https://api.cal.example.com', appUrl: 'https://cal.example.com' })).toBeNull();
    expect(sandboxCalcomPage(undefined)).toBeNull();
  });
});
