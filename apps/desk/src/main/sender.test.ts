import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from './external-url.ts';
import { appOriginOf, isTrustedFrameUrl, isTrustedSender, navigationDecision } from './sender.ts';

const packaged = 'handled-desk://app';
const dev = 'http://127.0.0.1:5174';

describe('appOriginOf', () => {
  it('is the dev server when electron-vite gives one, else the app scheme', () => {
    expect(appOriginOf('http://127.0.0.1:5174/', packaged)).toBe(dev);
    expect(appOriginOf(undefined, packaged)).toBe(packaged);
    expect(appOriginOf('not a url', packaged)).toBe(packaged);
  });
});

describe('isTrustedFrameUrl', () => {
  it('trusts our page, with any path or hash', () => {
    expect(isTrustedFrameUrl('handled-desk://app/index.html#/bookings/abc', packaged)).toBe(true);
    expect(isTrustedFrameUrl('http://127.0.0.1:5174/#/requests', dev)).toBe(true);
  });

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:51740/',
    'https://127.0.0.1:5174/',
    'http://localhost:5174/',
    'handled-desk://other/index.html',
    'file:///tmp/index.html',
    'about:blank',
    '',
  ])('does not trust %s', (url) => {
    expect(isTrustedFrameUrl(url, dev)).toBe(false);
    expect(isTrustedFrameUrl(url, packaged)).toBe(false);
  });

  it('does not trust a missing frame', () => {
    expect(isTrustedFrameUrl(null, packaged)).toBe(false);
    expect(isTrustedFrameUrl(undefined, packaged)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const mainFrame = { url: 'handled-desk://app/index.html' };
  it('answers our top frame only', () => {
    expect(isTrustedSender({ senderFrame: mainFrame, sender: { mainFrame } }, packaged)).toBe(true);
  });
  it('refuses an iframe, even one showing our origin', () => {
    const child = { url: 'handled-desk://app/index.html' };
    expect(isTrustedSender({ senderFrame: child, sender: { mainFrame } }, packaged)).toBe(false);
  });
  it('refuses a top frame that navigated elsewhere, and a destroyed frame', () => {
    const away = { url: 'https://evil.example/' };
    expect(isTrustedSender({ senderFrame: away, sender: { mainFrame: away } }, packaged)).toBe(false);
    expect(isTrustedSender({ senderFrame: null, sender: { mainFrame } }, packaged)).toBe(false);
  });
});

describe('navigationDecision', () => {
  const safe = (url: string) => checkExternalUrl(url).ok;
  it('stays in the app for our pages, hands web links to the OS, blocks the rest', () => {
    expect(navigationDecision('handled-desk://app/index.html#/upcoming', packaged, safe)).toBe('allow');
    expect(navigationDecision('https://invoice.stripe.com/i/abc', packaged, safe)).toBe('open-external');
    expect(navigationDecision('file:///etc/passwd', packaged, safe)).toBe('deny');
    expect(navigationDecision('http://evil.example/', packaged, safe)).toBe('deny');
  });
});
