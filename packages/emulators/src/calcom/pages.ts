import { html, layout, type Html } from '../shared/html.ts';
import { wallClock } from './local-time.ts';
import type { CalcomStore } from './store.ts';
import { weekdayNames, type CalUser } from './types.ts';

function userCard(store: CalcomStore, u: CalUser): Html {
  // Times are shown and typed in the account's zone, as Cal.com shows them to its owner.
  const zone = u.timeZone;
  const when = (iso: string) => wallClock(iso, zone);
  const zoneField = html`<input type="hidden" name="timeZone" value="${zone}" />`;
  const schedule = store.data.schedules.find((s) => s.id === u.defaultScheduleId);
  const hoursOf = (d: string) => schedule?.availability.find((a) => a.days.includes(d as never));
  const now = store.now();
  const events = store.data.events
    .filter((e) => e.ownerId === u.id && Date.parse(e.end) > now - 86_400_000)
    .sort((a, b) => a.start.localeCompare(b.start));
  const bookings = store
    .bookingsOf(u.id)
    .filter((b) => Date.parse(b.end) > now - 86_400_000)
    .sort((a, b) => a.start.localeCompare(b.start));
  const hooks = store.data.webhooks.filter((w) => w.ownerId === u.id);
  return html`<div class="card" id="user-${u.id}">
    <h2>${u.name} <span class="muted">@${u.username} · ${u.email} · ${u.timeZone}</span></h2>
    <p class="muted">API key: <code>${u.apiKeys[0] ?? ''}</code></p>
    <h3>Working hours (${schedule?.timeZone ?? u.timeZone})</h3>
    <form method="post" action="/_/calcom/users/${u.id}/schedule">
      <table>
        <tbody>
          ${weekdayNames.map(
            (d) =>
              html`<tr>
                <td>${d}</td>
                <td><input name="start_${d}" value="${hoursOf(d)?.startTime ?? ''}" placeholder="09:00" size="5" /></td>
                <td><input name="end_${d}" value="${hoursOf(d)?.endTime ?? ''}" placeholder="17:00" size="5" /></td>
              </tr>`,
          )}
        </tbody>
      </table>
      <button type="submit">Save hours</button>
    </form>
    <p class="muted" data-zone="${zone}">Times below are in ${zone}.</p>
    <h3>Calendar events (busy)</h3>
    <table>
      <tbody>
        ${events.map(
          (e) =>
            html`<tr>
              <td>${e.title}</td>
              <td>${when(e.start)} – ${when(e.end)}</td>
              <td>
                <form method="post" action="/_/calcom/users/${u.id}/events/${e.id}/delete">
                  <button class="secondary" type="submit">Remove</button>
                </form>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    <form method="post" action="/_/calcom/users/${u.id}/events" class="row">
      ${zoneField}<input name="title" placeholder="Dentist" value="Busy" /><input
        type="datetime-local"
        name="start"
        required
        aria-label="Start (${zone})"
      /><input type="datetime-local" name="end" required aria-label="End (${zone})" /><button type="submit">Add event (${zone})</button>
    </form>
    <h3>Bookings</h3>
    <table>
      <thead>
        <tr>
          <th>When</th>
          <th>Title</th>
          <th>Status</th>
          <th>Source</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${bookings.map(
          (b) =>
            html`<tr data-uid="${b.uid}">
              <td>${when(b.start)} – ${when(b.end)}</td>
              <td>${b.title}</td>
              <td><span class="badge ${b.status === 'accepted' ? 'ok' : 'void'}">${b.status}</span></td>
              <td class="muted">${b.metadata['handledBookingId'] ? 'Handled marketplace' : 'Cal.com'}</td>
              <td>
                ${
                  b.status === 'accepted'
                    ? html`<form method="post" action="/_/calcom/bookings/${b.uid}/reschedule" class="row">
                          ${zoneField}<input type="datetime-local" name="start" required aria-label="New start (${zone})" /><button
                            class="secondary"
                            type="submit"
                          >
                            Move (${zone})
                          </button>
                        </form>
                        <form method="post" action="/_/calcom/bookings/${b.uid}/cancel">
                          <button class="secondary" type="submit">Cancel</button>
                        </form>`
                    : ''
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    <form method="post" action="/_/calcom/users/${u.id}/bookings" class="row">
      ${zoneField}<input name="name" placeholder="Guest name" value="Walk-in guest" /><input
        type="datetime-local"
        name="start"
        required
        aria-label="Start (${zone})"
      /><input name="lengthInMinutes" value="60" size="4" /><button type="submit">Book (${zone})</button>
    </form>
    <p class="muted">Webhooks: ${hooks.length ? hooks.map((h) => html`<code>${h.subscriberUrl}</code> `) : 'none'}</p>
  </div>`;
}

/** `/_/calcom`: each emulated Cal.com account's hours, calendar events, bookings and webhooks. */
export function calcomPage(store: CalcomStore): Html {
  const recent = store.deliveries.slice(-10).reverse();
  return layout(
    'Cal.com',
    html`<h1>Cal.com</h1>
      ${store.data.users.map((u) => userCard(store, u))}
      <div class="card">
        <h2>New account</h2>
        <form method="post" action="/_/calcom/users" class="row">
          <input name="username" placeholder="username" required /><input name="email" placeholder="email" required /><button type="submit">
            Create
          </button>
        </form>
      </div>
      <div class="card">
        <h2>Faults</h2>
        <form method="post" action="/_/calcom/faults" class="row">
          <select name="kind">
            <option>500</option>
            <option>429</option>
            <option>498</option>
            <option value="slow">slow (15 s)</option></select
          ><input name="times" value="5" size="3" /><button type="submit">Inject</button>
        </form>
        <form method="post" action="/_/calcom/webhooks/drop" class="row">
          <input name="count" value="1" size="3" /><button class="secondary" type="submit">Lose the next webhooks</button>
        </form>
        <form method="post" action="/_/calcom/oauth/expire">
          <button class="secondary" type="submit">Expire all OAuth access tokens</button>
        </form>
      </div>
      <div class="card">
        <h2>Recent webhooks</h2>
        <table>
          <tbody>
            ${recent.map(
              (d) =>
                html`<tr>
                  <td>${d.trigger}</td>
                  <td class="muted">${d.uid}</td>
                  <td>${d.dropped ? 'lost' : (d.status ?? 'failed')}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
  );
}
