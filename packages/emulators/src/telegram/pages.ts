import { formatTime, html, layout, raw, type Html } from '../shared/html.ts';
import type { TelegramStore } from './store.ts';
import type { BotState, ChatLogEntry } from './types.ts';

const CHAT_CSS = raw(`<style>
.chat{display:flex;flex-direction:column;gap:8px;background:#e6ebee;border-radius:10px;padding:12px;min-height:50vh}
.msg{max-width:85%;padding:8px 10px;border-radius:12px;background:#fff;white-space:pre-wrap;word-wrap:break-word}
.msg.user{align-self:flex-end;background:#d9fdd3}
.msg .meta{font-size:11px;color:#8696a0;margin-top:2px}
.kb{display:flex;flex-direction:column;gap:4px;margin-top:6px}.kb .kbrow{display:flex;gap:4px}
.kb form{flex:1;margin:0}.kb button{width:100%;background:#f0f4f7;color:#2481cc;padding:7px}
.toast{align-self:center;background:#3b4a54;color:#fff;border-radius:8px;padding:4px 10px;font-size:13px}
.compose{display:flex;gap:8px;margin-top:10px}.compose input{flex:1}
</style>`);

function bubble(entry: ChatLogEntry, botId: number, chatId: number): Html {
  const m = entry.message;
  const rows = m.reply_markup?.inline_keyboard ?? [];
  return html`<div class="msg ${entry.by}" data-message-id="${m.message_id}">
    ${m.text ?? ''}
    ${
      rows.length
        ? html`<div class="kb">
            ${rows.map(
              (row) =>
                html`<div class="kbrow">
                  ${row.map((b) =>
                    b.callback_data !== undefined
                      ? html`<form method="post" action="/_/telegram/chats/${chatId}/press?bot=${botId}">
                          <input type="hidden" name="messageId" value="${m.message_id}" /><input
                            type="hidden"
                            name="data"
                            value="${b.callback_data}"
                          /><button type="submit">${b.text}</button>
                        </form>`
                      : html`<a class="button" href="${b.url ?? '#'}" rel="noopener">${b.text}</a>`,
                  )}
                </div>`,
            )}
          </div>`
        : ''
    }
    <div class="meta">${formatTime(m.edit_date ?? m.date)}${m.edit_date ? ' · edited' : ''}</div>
  </div>`;
}

export function chatPage(store: TelegramStore, bot: BotState, chatId: number): Html {
  const chat = store.chat(bot.user.id, chatId);
  const log = (chat?.log ?? []).filter((e) => !e.deleted);
  const lastAnswer = chat?.callbackAnswers.at(-1);
  const version = `${log.length}:${log.map((e) => e.message.edit_date ?? 0).join(',')}:${chat?.callbackAnswers.length ?? 0}`;
  const body = html`${CHAT_CSS}
    <h1>${chat?.chat.first_name ?? `Chat ${chatId}`} ↔ @${bot.user.username ?? ''}</h1>
    <div class="chat" id="chat">
      ${log.length === 0 ? html`<div class="toast">No messages yet. Say /start.</div>` : ''}
      ${log.map((e) => bubble(e, bot.user.id, chatId))} ${lastAnswer?.text ? html`<div class="toast">${lastAnswer.text}</div>` : ''}
      ${chat?.lastAction && chat.lastAction.at > store.now() - 5 ? html`<div class="toast">${bot.user.first_name} is ${chat.lastAction.action}…</div>` : ''}
    </div>
    <form class="compose" method="post" action="/_/telegram/chats/${chatId}/send?bot=${bot.user.id}">
      <input name="text" placeholder="Message" autocomplete="off" autofocus required /><button type="submit">Send</button>
    </form>
    <p class="muted"><a href="/_/telegram/chats/${chatId}/messages?bot=${bot.user.id}">Transcript (JSON)</a></p>
    <script>
      (() => {
        const version = ${raw(JSON.stringify(version))};
        const input = document.querySelector('.compose input');
        setInterval(async () => {
          const res = await fetch(location.pathname + '/messages' + location.search);
          const t = await res.json();
          const v = t.messages.length + ':' + t.messages.map((m) => m.edit_date || 0).join(',') + ':' + t.callbackAnswers.length;
          if (v !== version && !input.value) location.reload();
        }, 1500);
        window.scrollTo(0, document.body.scrollHeight);
      })();
    </script>`;
  return layout(`Telegram chat ${chatId}`, body);
}

export function chatIndexPage(store: TelegramStore): Html {
  const bots = Object.values(store.data.bots);
  const body = html`<h1>Telegram</h1>
    ${bots.length === 0 ? html`<p class="card muted">No bot has connected yet. Point the bot at this emulator (apiRoot).</p>` : ''}
    ${bots.map((bot) => {
      const chats = Object.values(store.data.chats).filter((c) => c.botId === bot.user.id);
      return html`<div class="card">
        <h2>
          @${bot.user.username ?? ''}
          <span class="muted">${bot.webhook ? `webhook ${bot.webhook.url}` : 'long polling'} · ${bot.updates.length} pending</span>
        </h2>
        <table>
          <tbody>
            ${chats.map(
              (c) =>
                html`<tr>
                  <td><a href="/_/telegram/chats/${c.chat.id}?bot=${bot.user.id}">${c.chat.first_name ?? c.chat.id}</a></td>
                  <td class="muted">
                    ${
                      c.log
                        .filter((e) => !e.deleted)
                        .at(-1)
                        ?.message.text?.slice(0, 80) ?? ''
                    }
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
        <form method="post" action="/_/telegram/chats/${100_000 + chats.length + 1}/send?bot=${bot.user.id}" class="row">
          <input name="first_name" placeholder="Name of a new person" required /><input type="hidden" name="text" value="/start" /><button
            type="submit"
          >
            Start a chat
          </button>
        </form>
      </div>`;
    })}`;
  return layout('Telegram', body);
}
