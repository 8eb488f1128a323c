import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { demoEmails } from '@handled/db/seed';
import { startSandbox } from '../e2e/sandbox.ts';
import { currentRelease } from '../lib/releases.ts';
import type { BenchModule, Figure } from './measure.ts';
import { isoSlotsOf } from '@handled/core/availability';

/** The flags scripts/e2e/browser.ts launches Debian's Chromium with. */
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const RUNS = 5;
const VISITOR_ZONE = 'America/New_York';

interface LhResult {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<
    string,
    {
      score: number | null;
      title: string;
      numericValue?: number;
      details?: { items?: { url: string; resourceType?: string; transferSize?: number }[] };
    }
  >;
}

/**
 * Lighthouse (mobile defaults: Moto G Power emulation, simulated slow 4G) on the built site's home,
 * search, profile and booking pages (the booking page signed out, as the public sees it, and signed
 * in), scores ×100. Also the booking page's JavaScript: every script
 * it loads, gzipped here at level 9 (and as transferred). Needs `pnpm build`.
 */
export const lighthouseBench: BenchModule = {
  name: 'lighthouse',
  setup: `Lighthouse 12 mobile (simulated throttling), median of ${RUNS} runs per page, via chrome-launcher + /usr/bin/chromium (TZ=${VISITOR_ZONE}); demo seed; booking page signed out, then signed in as Maya`,
  async run() {
    if (!currentRelease()) {
      console.log('  (skipped: build the site first — pnpm build)');
      return [];
    }
    const sandbox = await startSandbox();
    // The visitor is in the providers' city, as in the browser tests (America/New_York): the page's
    // first render is already in their zone. Elsewhere the first visit adds one data reload.
    const chrome = await chromeLauncher.launch({
      chromePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      chromeFlags: CHROME_FLAGS,
      envVars: { ...process.env, TZ: VISITOR_ZONE },
    });
    try {
      const { cookie } = await sandbox.stack.signIn(demoEmails.maya);
      const slots = await sandbox.stack.anonymous.catalog.slots.query({
        providerId: 'sam-okafor',
        from: new Date().toISOString(),
        to: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        hours: 2,
        viewerTimeZone: 'America/New_York',
      });
      const start = isoSlotsOf(slots)[0]?.start ?? new Date().toISOString();
      const pages: [string, string, Record<string, string>][] = [
        ['home', '/', {}],
        ['search', '/search?category=plumbing&where=11215', {}],
        ['profile', '/providers/sam-okafor', {}],
        // The booking request page is public: scored as a visitor (and a search engine) gets it, then signed in.
        ['booking', `/providers/sam-okafor/book?hours=2&start=${encodeURIComponent(start)}`, {}],
        ['booking (signed in)', `/providers/sam-okafor/book?hours=2&start=${encodeURIComponent(start)}`, { cookie }],
      ];
      const figures: Figure[] = [];
      for (const [name, path, headers] of pages) {
        // The median of RUNS runs by performance score: one run on a busy machine says little.
        const runs: LhResult[] = [];
        for (let i = 0; i < RUNS; i++) {
          const run = await lighthouse(`${sandbox.webUrl}${path}`, {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: [...CATEGORIES],
            extraHeaders: headers,
          });
          if (run?.lhr) runs.push(run.lhr as unknown as LhResult);
        }
        runs.sort((a, b) => (a.categories['performance']?.score ?? 0) - (b.categories['performance']?.score ?? 0));
        const lhr = runs[Math.floor(runs.length / 2)];
        if (!lhr) continue;
        const perfRange = runs.map((r) => Math.round((r.categories['performance']?.score ?? 0) * 100)).join('/');
        for (const c of CATEGORIES) {
          figures.push({
            name: `lighthouse ${name}: ${c}${c === 'performance' ? ` (runs ${perfRange})` : ''}`,
            value: Math.round((lhr.categories[c]?.score ?? 0) * 100),
            unit: '/100',
          });
          // What cost points, so a score below 100 says why.
          const lost = (lhr.categories[c]?.auditRefs ?? [])
            .filter((r) => r.weight > 0 && (lhr.audits[r.id]?.score ?? 1) < 0.9)
            .map((r) => r.id);
          if (lost.length) console.log(`  ${name} ${c} lost points on: ${lost.join(', ')}`);
        }
        const lcpNode = JSON.stringify(lhr.audits['largest-contentful-paint-element']?.details ?? {}).match(
          /"snippet":"((?:[^"\\]|\\.)*)"/,
        )?.[1];
        if (lcpNode) console.log(`  ${name} LCP element: ${lcpNode.slice(0, 140)}`);
        figures.push({ name: `lighthouse ${name}: LCP`, value: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN, unit: 'ms' });
        if (name === 'booking') {
          const scripts = (lhr.audits['network-requests']?.details?.items ?? []).filter(
            (i) => i.resourceType === 'Script' && /^https?:/.test(i.url),
          );
          let gzip = 0;
          let raw = 0;
          for (const s of scripts) {
            const body = Buffer.from(await (await fetch(s.url, { headers: { cookie } })).arrayBuffer());
            raw += body.length;
            gzip += gzipSync(body, { level: 9 }).length;
          }
          const transferred = scripts.reduce((sum, s) => sum + (s.transferSize ?? 0), 0);
          figures.push({ name: `booking page JS: ${scripts.length} files, gzipped`, value: gzip / 1024, unit: 'KiB' });
          figures.push({ name: 'booking page JS: uncompressed', value: raw / 1024, unit: 'KiB' });
          figures.push({ name: 'booking page JS: as transferred', value: transferred / 1024, unit: 'KiB' });
        }
      }
      return figures;
    } finally {
      chrome.kill();
      await sandbox.close();
    }
  },
};
