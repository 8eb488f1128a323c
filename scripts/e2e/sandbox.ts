import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createChatApi, createBot, SANDBOX_BOT_TOKEN } from '@handled/bot';
import { holdPort, startTestStack } from '@handled/testing';
import { serveSpa } from '../lib/static-server.ts';
import { waitFor } from '../lib/processes.ts';
import { useCurrentRelease } from '../lib/releases.ts';

const root = resolve(import.meta.dirname, '../..');

/**
 * The whole marketplace for a browser test, on loopback: API + worker + emulators (the test
 * stack), the built client site as its own Node process, the desk renderer in browser mode,
 * and the bot long-polling the Telegram emulator.
 */
export async function startSandbox() {
  // The release `pnpm build` made current, held until close (a build meanwhile switches releases/current only).
  const release = useCurrentRelease();
  // The desk is served from this process, on a port it binds now; the site's port is held by a
  // placeholder until its process starts, so the stack's own servers can't be given either one.
  const desk = await serveSpa(join(release.dir, 'desk'), '127.0.0.1', 0);
  const webHold = await holdPort();
  const webPort = webHold.port;
  const webUrl = `http://127.0.0.1:${webPort}`;
  const deskUrl = desk.url;
  const stack = await startTestStack({ env: { WEB_URL: webUrl, DESK_URL: deskUrl } }).catch(async (e: unknown) => {
    await Promise.all([desk.close(), webHold.release()]);
    throw e;
  });
  await webHold.release();
  const web: ChildProcess = spawn('node', [resolve(root, 'apps/web/serve.js')], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(webPort),
      ORIGIN: webUrl,
      API_URL: stack.apiUrl,
      WEB_BUILD_DIR: join(release.dir, 'web'),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let webErrors = '';
  web.stderr?.on('data', (d: Buffer) => (webErrors += d.toString()));
  const bot = createBot({
    token: SANDBOX_BOT_TOKEN,
    apiRoot: stack.emulatorsUrl,
    api: createChatApi({ url: stack.apiUrl, botSecret: stack.env.BOT_SERVICE_SECRET }),
    webUrl,
    log: { info: () => {}, error: () => {} },
  });
  await bot.init();
  const polling = bot.start({ allowed_updates: ['message', 'callback_query'] });
  await waitFor(webUrl, 30_000);

  async function telegram(chatId: number, path: string, body?: unknown) {
    const res = await fetch(`${stack.emulatorsUrl}/_/telegram/chats/${chatId}${path}`, {
      method: body ? 'POST' : 'GET',
      ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as { ok: boolean; messages?: { by: string; text?: string; message_id: number }[] };
  }

  return {
    stack,
    /** The release folder this sandbox serves (releases/<id>). */
    release: release.dir,
    webUrl,
    deskUrl,
    telegram,
    webErrors: () => webErrors,
    async close() {
      await bot.stop();
      await polling;
      web.kill('SIGTERM');
      await desk.close();
      await stack.close();
      release.release();
    },
  };
}

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
