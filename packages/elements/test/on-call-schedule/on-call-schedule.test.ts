// <peer-on-call-schedule> against the real reference service: the week grid (who is on call now, gaps,
// conflicts), a week with a daylight-saving change, the supervisor's override and rotation change by
// keyboard, live updates from another supervisor, the compact now view, a peer's own shifts, and axe.
import { expect, fixture } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { createProgramClient, indexedDbStore } from '@peerlink/sdk';
import '../../src/on-call-schedule/define.js';
import type { PeerOnCallSchedule } from '../../src/index.js';
import { inThemedPage, part, settle, textOf, themedFixture } from '../helpers.js';
import { session, setup, until, type Setup } from '../request-button/server.js';

const server: Setup = await setup();
const { people } = server;
const tokenFor = (role: 'supervisor' | 'specialist' | 'dispatcher', subjectId?: string) => async () =>
  (await session(role, subjectId)).token;
const supervisorToken = tokenFor('supervisor', people.supervisor);
const supervisorApi = createProgramClient({ baseUrl: server.apiUrl, getToken: supervisorToken });

let serial = 0;
/** An area no other test uses, listed in the program's settings, so its rotations and overrides are this test's alone. */
async function newArea(): Promise<string> {
  const area = `sched-${String(Date.now() % 1e8)}-${String((serial += 1))}`;
  await executeServerCommand('peerlink:add-area', { area });
  return area;
}
const today = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
/** A rotation of `area`'s `position` from today: each of `members` a week, handing over at midnight. */
const weeklyRotation = (area: string, members: string[], position: 'primary' | 'backup' = 'primary') =>
  supervisorApi.schedule.rotations.create({
    area,
    position,
    members,
    turnDays: 7,
    handoffTime: '00:00',
    startsOn: today(),
  });
/** A new active peer on the agency's roster, named `displayName`. */
const newPeer = (displayName: string) =>
  supervisorApi.roster.create({ displayName, roles: ['recovery-coach'], languages: ['en'] });
/** Another supervisor's override: `specialistId` on call in `position` of `area` from a minute ago for an hour. */
const putOnCall = (area: string, position: 'backup' | 'supervisor', specialistId: string) =>
  supervisorApi.schedule.overrides.create({
    area,
    position,
    specialistId,
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
  });

async function schedule(attributes: { area: string; role?: string; start?: string; zone?: string; view?: string }) {
  const el = await fixture<PeerOnCallSchedule>(html`<peer-on-call-schedule
    base-url=${server.apiUrl}
    .getToken=${supervisorToken}
    area=${attributes.area}
    viewer-role=${attributes.role ?? 'dispatcher'}
    view=${attributes.view ?? 'week'}
    start=${attributes.start ?? ''}
    viewer-time-zone=${attributes.zone ?? 'America/Chicago'}
  ></peer-on-call-schedule>`);
  await until(() => el.shadowRoot?.querySelector('[part~="summary"], [part~="now"], [part~="error"]') !== null);
  await settle(el);
  return el;
}

/** Fills the override form for the primary peer, today (agency time) from `from` to `to`. */
function fillOverride(el: PeerOnCallSchedule, override: { position: string; from: string; to: string }): void {
  const form = part(el, 'override-form');
  const set = (name: string, value: string) => {
    const control = form.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
    if (!control) throw new Error(`no ${name}`);
    control.value = value;
  };
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(new Date());
  set('specialistId', people.primary);
  set('position', override.position);
  set('startsAt', `${day}T${override.from}`);
  set('endsAt', `${day}T${override.to}`);
}

const all = (el: Element, selector: string) => [...(el.shadowRoot?.querySelectorAll<HTMLElement>(selector) ?? [])];

/** The button of `el` labelled `label` (its `aria-label`); throws when absent. */
function labelled(el: Element, label: string): HTMLElement {
  const found = all(el, 'button').find((button) => button.getAttribute('aria-label') === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}

/** A supervisor's schedule of a new area whose primary rotation is `members`, a day each, opened for change by keyboard. */
async function editingRotation(members: string[]) {
  const area = await newArea();
  const rotation = await supervisorApi.schedule.rotations.create({
    area,
    position: 'primary',
    members,
    turnDays: 1,
    handoffTime: '08:00',
    startsOn: today(),
  });
  const el = await schedule({ area, role: 'supervisor' });
  await until(() => all(el, '[part~="edit-rotation"]').length === 1);
  part(el, 'edit-rotation').focus();
  await sendKeys({ press: 'Enter' });
  await settle(el);
  return { area, rotation, el };
}

describe('<peer-on-call-schedule>', function () {
  // Each test talks to the real service, which shares the machine with the rest of the suite.
  this.timeout(60_000);
  it('marks who is on call now, says gaps in words and flags a peer on call in two places', async () => {
    const area = await newArea();
    // The same peer as primary and backup of one area: in two places at once.
    for (const position of ['primary', 'backup'] as const) await weeklyRotation(area, [people.backup], position);
    const el = await schedule({ area });
    const now = all(el, '[part~="shift"][part~="now"]');
    expect(now.length).to.equal(2);
    expect(textOf(now[0])).to.contain('backup').and.to.contain('On call now');
    expect(all(el, '[part~="conflict"]').length).to.be.greaterThan(0);
    expect(textOf(all(el, '[part~="conflict"]')[0])).to.contain('Conflict: also on call elsewhere');
    // Nobody covers the supervisor position in this area: gaps, in words.
    const gaps = all(el, '[part~="gap"]');
    expect(gaps.length).to.be.greaterThan(0);
    expect(textOf(gaps[0])).to.match(/^! Nobody on call /);
    expect(textOf(part(el, 'summary'))).to.match(/^Gaps: \d+\. Conflicts: [1-9]\d*\.$/);
    expect(all(el, 'tbody tr').map((row) => textOf(row.querySelector('th')))).to.deep.equal([
      'Primary',
      'Backup',
      'Supervisor',
    ]);
    expect(all(el, 'thead th').length).to.equal(8);
  });

  it('cuts days at the agency’s midnight across the spring-forward change (America/Chicago, 2026-03-08)', async () => {
    const area = await newArea();
    await supervisorApi.schedule.rotations.create({
      area,
      position: 'primary',
      members: [people.primary, people.backup],
      turnDays: 1,
      handoffTime: '08:00',
      startsOn: '2026-03-01',
    });
    const el = await schedule({ area, start: '2026-03-07', zone: 'Europe/Madrid' });
    expect(all(el, 'thead th').map(textOf).slice(1, 4)).to.deep.equal(['Sat, Mar 7', 'Sun, Mar 8', 'Mon, Mar 9']);
    const times = all(el, '[part~="shift"] .when').map(textOf);
    expect(times.length).to.equal(14, 'two stretches a day: before and after the 08:00 handoff');
    for (const time of times) expect(['12:00 AM–8:00 AM', '8:00 AM–12:00 AM']).to.include(time);
    expect(textOf(part(el, 'zone')))
      .to.contain('America/Chicago')
      .and.to.contain('Your own time zone is Europe/Madrid');
  });

  it('names only the agency’s zone when the viewer is in it', async () => {
    const el = await schedule({ area: await newArea() });
    expect(textOf(part(el, 'zone'))).to.equal('Times in the agency’s time zone, America/Chicago.');
  });

  it('lets a supervisor add an override by keyboard; the grid shows it', async () => {
    const area = await newArea();
    const el = await schedule({ area, role: 'supervisor' });
    const changed: unknown[] = [];
    el.addEventListener('peer-schedule-changed', (event) => changed.push(event.detail));
    fillOverride(el, { position: 'backup', from: '00:00', to: '23:00' });
    part(el, 'save-override').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(part(el, 'status')) === 'Override added.');
    expect(changed).to.have.length(1);
    expect(el.value).to.equal((changed[0] as { id: string }).id);
    await until(() => all(el, '[part~="shift"]').some((shift) => textOf(shift).includes('override')));
    const override = all(el, '[part~="shift"]').find((shift) => textOf(shift).includes('override'));
    expect(textOf(override)).to.contain('primary').and.to.contain('12:00 AM–11:00 PM');
  });

  it('keeps an override added offline on the device, lists it as waiting, and sends it once when back online', async () => {
    const area = await newArea();
    // The supervisor's own client: its outbox in a database of this test's own, and a connection the test drops.
    const link = { down: false };
    const client = createProgramClient({
      baseUrl: server.apiUrl,
      getToken: supervisorToken,
      offline: indexedDbStore(`peerlink-test-${area}`),
      retries: 0,
      timeoutMs: 20_000,
      fetch: (input, init) => (link.down ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init)),
    });
    const el = await fixture<PeerOnCallSchedule>(html`<peer-on-call-schedule
      .client=${client}
      area=${area}
      viewer-role="supervisor"
      viewer-time-zone="America/Chicago"
    ></peer-on-call-schedule>`);
    await until(() => el.shadowRoot?.querySelector('[part~="summary"]') !== null);
    await settle(el);
    const changed: { kind: string; id: string }[] = [];
    el.addEventListener('peer-schedule-changed', (event) => changed.push(event.detail));
    fillOverride(el, { position: 'supervisor', from: '01:00', to: '22:00' });

    link.down = true;
    part(el, 'save-override').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot?.querySelector('[part~="queued"] li') != null);
    await settle(el);
    expect(textOf(part(el, 'status'))).to.equal(
      'Offline — the override is kept on this device and sent when the connection returns.',
    );
    expect(part(el, 'status').getAttribute('role')).to.equal('status');
    const queued = part(el, 'queued');
    expect(textOf(queued.querySelector('h3'))).to.equal('Overrides waiting to be sent');
    const waiting = all(el, '[part~="queued"] li').map(textOf);
    expect(waiting).to.have.length(1);
    expect(waiting[0]).to.contain(`, ${area}, Supervisor: `).and.not.to.contain('not on the roster');
    expect(waiting[0]).to.match(/: .+ 1:00 AM to .+ 10:00 PM \(waiting\)$/);
    expect(changed, 'not accepted yet').to.deep.equal([]);
    // The override is of today in Chicago and may have ended already (a run after 22:00 there): listed from two days back.
    const overridesOf = async () =>
      (await supervisorApi.schedule.overrides.list({ area, from: new Date(Date.now() - 2 * 86_400_000).toISOString() }))
        .items;
    expect(await overridesOf(), 'nothing reached the service').to.deep.equal([]);
    await expect(el).to.be.accessible();

    link.down = false;
    window.dispatchEvent(new Event('online'));
    await until(() => changed.length === 1);
    await until(() => el.shadowRoot?.querySelector('[part~="queued"]') == null);
    await settle(el);
    expect(textOf(part(el, 'status'))).to.equal(
      'Override sent: the one kept on this device while offline is in the schedule now.',
    );
    const stored = await overridesOf();
    expect(stored.map((override) => [override.id, override.specialistId, override.position])).to.deep.equal([
      [changed[0]?.id, people.primary, 'supervisor'],
    ]);
    expect(el.value).to.equal(changed[0]?.id);
    await until(() => all(el, '[part~="shift"]').some((shift) => textOf(shift).includes('override')));
    expect(await client.outbox.pending()).to.deep.equal([]);
  });

  it('refuses an override whose end is not after its start, naming the field', async () => {
    const el = await schedule({ area: await newArea(), role: 'supervisor' });
    const form = part(el, 'override-form');
    const set = (name: string, value: string) => {
      const control = form.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
      if (control) control.value = value;
    };
    set('specialistId', people.primary);
    set('startsAt', '2026-12-10T10:00');
    set('endsAt', '2026-12-10T09:00');
    part(el, 'save-override').click();
    await until(() => textOf(part(el, 'status')) === 'Some details are missing or invalid.');
    expect(textOf(el.shadowRoot?.querySelector('#override-endsAt-error'))).to.equal('Must be after startsAt');
    expect(form.querySelector('[name="endsAt"]')?.getAttribute('aria-invalid')).to.equal('true');
  });

  it('changes the order of a rotation by keyboard and saves it over the version read', async () => {
    const { area, rotation, el } = await editingRotation([people.primary, people.backup]);
    labelled(el, 'Move primary down').focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    const handoff = el.shadowRoot?.querySelector<HTMLInputElement>('[name="handoffTime"]');
    if (!handoff) throw new Error('no handoff');
    handoff.value = '09:30';
    part(el, 'save-rotation').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(part(el, 'status')) === 'Rotation saved.');
    const [saved] = (await supervisorApi.schedule.rotations.list({ area })).items;
    expect(saved?.members).to.deep.equal([people.backup, people.primary]);
    expect(saved?.handoffTime).to.equal('09:30');
    expect(saved?.version).to.equal(rotation.version + 1);
    await until(() => textOf(part(el, 'rotations')).includes('Primary: backup, primary'));
  });

  it('keeps keyboard focus in the rotation editor: on a moved member, next to a removed one, on Change after Cancel', async () => {
    const { area, el } = await editingRotation([people.primary, people.backup, people.supervisor]);
    const focused = () => el.shadowRoot?.activeElement;
    const focusedLabel = () => focused()?.getAttribute('aria-label') ?? focused()?.id;
    const members = () => all(el, '.members li span').map(textOf);
    /** Presses Enter where focus is; waits until focus is on `label` (an aria-label, or an id). */
    const press = async (label: string) => {
      await sendKeys({ press: 'Enter' });
      await until(() => focusedLabel() === label, 5_000);
    };
    labelled(el, 'Move primary down').focus();
    // Focus goes with the member moved, and the move is said in the status region.
    await press('Move primary down');
    expect(members()).to.deep.equal(['backup', 'primary', 'supervisor']);
    expect(textOf(part(el, 'status'))).to.equal('Moved primary to position 2.');
    expect(part(el, 'status').getAttribute('role')).to.equal('status');
    // Moved to the end, where it cannot go down: on its Move up.
    await press('Move primary up');
    expect(members()).to.deep.equal(['backup', 'supervisor', 'primary']);
    expect(textOf(part(el, 'status'))).to.equal('Moved primary to position 3.');
    // Removing the last member: on the Remove of the one before it.
    labelled(el, 'Remove primary').focus();
    await press('Remove supervisor');
    expect(members()).to.deep.equal(['backup', 'supervisor']);
    expect(textOf(part(el, 'status'))).to.equal('Removed primary.');
    // Down to one member, who cannot be moved or removed: on "Add a member".
    await press('rotation-add');
    expect(members()).to.deep.equal(['backup']);
    const cancel = all(el, 'button').find((button) => textOf(button) === 'Cancel');
    cancel?.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => focused()?.matches('[part~="edit-rotation"]') === true, 5_000);
    expect(el.shadowRoot?.querySelector('[part~="rotation-editor"]')).to.equal(null);
    expect((await supervisorApi.schedule.rotations.list({ area })).items[0]?.members, 'nothing saved').to.deep.equal([
      people.primary,
      people.backup,
      people.supervisor,
    ]);
  });

  it('disables the controls of its forms when disabled, itself or by a disabled fieldset around it', async () => {
    const area = await newArea();
    await weeklyRotation(area, [people.primary]);
    const fieldset = await fixture<HTMLFieldSetElement>(html`<fieldset disabled>
      <legend>Schedule</legend>
      <peer-on-call-schedule
        base-url=${server.apiUrl}
        .getToken=${supervisorToken}
        area=${area}
        viewer-role="supervisor"
        viewer-time-zone="America/Chicago"
      ></peer-on-call-schedule>
    </fieldset>`);
    const el = fieldset.querySelector('peer-on-call-schedule');
    if (!el) throw new Error('not rendered');
    await until(() => el.shadowRoot?.querySelector('[part~="edit-rotation"]') != null);
    await settle(el);
    const controls = () => all(el, '.edit button, .edit input, .edit select');
    const enabled = () => controls().filter((control) => !control.matches(':disabled'));
    expect(controls().length).to.be.greaterThan(5);
    expect(enabled()).to.deep.equal([]);
    const changed: unknown[] = [];
    el.addEventListener('peer-schedule-changed', (event) => changed.push(event));
    part(el, 'save-override').click();
    part(el, 'edit-rotation').click();
    await settle(el);
    expect(el.shadowRoot?.querySelector('[part~="rotation-editor"]')).to.equal(null);
    await expect(fieldset).to.be.accessible();

    fieldset.disabled = false;
    await settle(el);
    expect(enabled().length).to.equal(controls().length);
    el.disabled = true;
    await settle(el);
    expect(enabled()).to.deep.equal([]);
    expect(changed).to.deep.equal([]);
  });

  it('reads the peers again for one added on the roster since: named in the grid and offered in its forms', async () => {
    const area = await newArea();
    const el = await schedule({ area, role: 'supervisor' });
    const name = `Added ${area}`;
    const offered = () => all(el, '[name="specialistId"] option').map(textOf);
    expect(offered()).to.include('primary').and.not.to.include(name);
    const peer = await newPeer(name);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Another supervisor puts them on call: the live refresh names a peer it has not read, and reads the peers again.
    await putOnCall(area, 'backup', peer.id);
    await until(() => all(el, '[part~="shift"]').length > 0, 10_000);
    await until(() => offered().includes(name));
    expect(textOf(all(el, '[part~="shift"][part~="now"]')[0])).to.contain(name);
    expect(textOf(el.shadowRoot?.querySelector('.areas'))).not.to.contain('not on the roster');
  });

  it('offers the peers added, and not those deactivated, since it last read them, once it reads again', async () => {
    const area = await newArea();
    const leaving = await newPeer(`Leaving ${area}`);
    const el = await schedule({ area, role: 'supervisor' });
    const offered = () => all(el, '[name="specialistId"] option').map(textOf);
    expect(offered()).to.include(`Leaving ${area}`);
    await supervisorApi.roster.deactivate(leaving.id);
    await newPeer(`Joining ${area}`);
    // The supervisor's own override: the schedule is read again after it, and the peers with it (even when the
    // service's event of that override prompts a quiet read that takes that read's place).
    fillOverride(el, { position: 'backup', from: '00:00', to: '23:00' });
    part(el, 'save-override').click();
    await until(() => textOf(part(el, 'status')) === 'Override added.');
    await until(() => offered().includes(`Joining ${area}`));
    expect(offered()).to.include('primary').and.not.to.include(`Leaving ${area}`);
  });

  it('follows another supervisor’s override live', async () => {
    const area = await newArea();
    const el = await schedule({ area });
    expect(all(el, '[part~="shift"]')).to.have.length(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await putOnCall(area, 'supervisor', people.supervisor);
    await until(() => all(el, '[part~="shift"][part~="now"]').length === 1, 10_000);
    expect(textOf(all(el, '[part~="shift"][part~="now"]')[0])).to.contain('supervisor');
  });

  it('shows who is on call now in one line, and "Nobody" where nobody is', async () => {
    const el = await schedule({ area: 'county', view: 'now' });
    expect(textOf(part(el, 'now'))).to.equal('Primary: primary Backup: backup Supervisor: supervisor');
    const empty = await schedule({ area: await newArea(), view: 'now' });
    expect(textOf(part(empty, 'now'))).to.equal('Primary: ! Nobody Backup: ! Nobody Supervisor: ! Nobody');
  });

  it('lists a peer’s own upcoming shifts', async () => {
    const el = await fixture<PeerOnCallSchedule>(html`<peer-on-call-schedule
      base-url=${server.apiUrl}
      .getToken=${tokenFor('specialist', people.primary)}
      view="mine"
    ></peer-on-call-schedule>`);
    await until(() => el.shadowRoot?.querySelector('[part~="mine"], [part~="empty"]') !== null);
    expect(textOf(part(el, 'mine'))).to.contain('county, Primary');
  });

  it('says what failed and offers Retry', async () => {
    const el = await fixture<PeerOnCallSchedule>(html`<peer-on-call-schedule
      base-url=${server.apiUrl}
      .getToken=${tokenFor('dispatcher')}
      view="mine"
    ></peer-on-call-schedule>`);
    await until(() => el.shadowRoot?.querySelector('[part~="error"]') !== null);
    expect(textOf(part(el, 'error'))).to.equal('Not allowed. Sign in again or ask an administrator. Retry');
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    for (const lang of ['en', 'es'] as const) {
      it(`is accessible in the ${theme} theme in ${lang}, with gaps, conflicts and the supervisor's forms`, () =>
        inThemedPage(lang, async () => {
          const area = await newArea();
          await weeklyRotation(area, [people.backup]);
          const container = await themedFixture(
            theme,
            html`<peer-on-call-schedule
              base-url=${server.apiUrl}
              .getToken=${supervisorToken}
              area=${area}
              viewer-role="supervisor"
              viewer-time-zone="Europe/Madrid"
            ></peer-on-call-schedule>`,
          );
          const el = container.querySelector('peer-on-call-schedule');
          if (!el) throw new Error('not rendered');
          await until(() => el.shadowRoot?.querySelector('[part~="edit-rotation"]') !== null);
          part(el, 'edit-rotation').click();
          await settle(el);
          await expect(container).to.be.accessible();
        }));
    }
  }
});
