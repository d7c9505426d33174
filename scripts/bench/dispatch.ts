// Duty call-out latency under load, with the real service, a real SMTP receiver and a real SMS webhook
// receiver, in one CAD console page (Chromium). Two runs a storage:
// - one console among the center's load: a load generator in its own process (`callout/load.mjs`,
//   open loop) sends RATE − OWN_RATE call-outs a second while the page's dispatcher presses OWN
//   buttons at OWN_RATE a second, so the service carries RATE a second in all (a dispatcher presses a
//   few a minute; a center's rate is many consoles');
// - one page pressing all of RATE: COUNT buttons live in one page, pressed at RATE a second (the page
//   itself is then most of the work).
// Prints press → text received, press → e-mail received and press → CAD shows notified. The receivers'
// times are Node's clock, the presses the page's: the two are compared once before the figures.
import { existsSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { freshDatabase, postgresUnavailable } from '../../packages/server/test/harness.js';
import { bundlePath, startStack, type Stack } from '../../test/e2e/support/stack.js';
import { drive } from './callout/drive.js';
import { quantile } from './page-timing.js';

const COUNT = Number(process.env.BENCH_DISPATCHES ?? 200);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const OWN = Number(process.env.BENCH_OWN_PRESSES ?? 40);
const OWN_RATE = Number(process.env.BENCH_OWN_RATE ?? 4);

if (!existsSync(bundlePath)) {
  console.log('skipped: build first (pnpm build), the CAD page loads peerlink.min.js');
  process.exit(0);
}

interface Pressed {
  id: string;
  pressedAt: number;
  notifiedAt: number;
}

/**
 * In the CAD page: `count` request buttons (one shared client, as a console has), each brought to its
 * confirm step, then the confirming presses at `rate` a second; answers when each showed "notified".
 */
async function pressInPage(page: Page, count: number, rate: number): Promise<Pressed[]> {
  return page.evaluate(
    async (count: number, rate: number, modules: { bundle: string; host: string }) => {
      const { createPeerlinkClient } = (await import(modules.bundle)) as {
        createPeerlinkClient: (options: {
          baseUrl: string;
          getToken: () => Promise<{ token: string; expiresAt: string }>;
        }) => unknown;
      };
      const { hostConfig, tokenFor } = (await import(modules.host)) as {
        hostConfig: () => Promise<{ apiUrl: string }>;
        tokenFor: (role: string) => () => Promise<{ token: string; expiresAt: string }>;
      };
      const { apiUrl } = await hostConfig();
      const client = createPeerlinkClient({ baseUrl: apiUrl, getToken: tokenFor('dispatcher') });
      type Button = HTMLElement & {
        phase: string;
        client: unknown;
        incident: unknown;
        compact: boolean;
        updateComplete: Promise<boolean>;
      };
      const box = document.createElement('div');
      document.body.append(box);
      const until = async (check: () => boolean, what: () => string) => {
        const deadline = Date.now() + 30_000;
        while (!check()) {
          if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };
      const buttons: Button[] = [];
      for (let i = 0; i < count; i += 1) {
        const el = document.createElement('peer-request-button') as Button;
        el.compact = true;
        el.client = client;
        el.incident = {
          externalId: `BENCH-${String(Date.now())}-${String(i)}`,
          type: 'overdose-nonfatal',
          location: { address: `${String(100 + i)} Main St, Springfield`, area: 'county' },
          receivedAt: new Date().toISOString(),
        };
        box.append(el);
        buttons.push(el);
      }
      // The first render starts the look-up for an active call-out (phase "checking").
      await Promise.all(buttons.map((el) => el.updateComplete));
      const press = (el: Button) => el.shadowRoot?.querySelector<HTMLButtonElement>('.button')?.click();
      for (let start = 0; start < count; start += 20) {
        const batch = buttons.slice(start, start + 20);
        const phases = () => batch.map((el) => el.phase).join(' ');
        await until(() => batch.every((el) => el.phase === 'ready'), phases);
        await Promise.all(batch.map((el) => el.updateComplete));
        for (const el of batch) press(el);
        await until(() => batch.every((el) => el.phase === 'confirm'), phases);
        await Promise.all(batch.map((el) => el.updateComplete));
      }
      const results: { id: string; pressedAt: number; notifiedAt: number }[] = [];
      const epoch = () => performance.timeOrigin + performance.now();
      await Promise.all(
        buttons.map(
          (el, i) =>
            new Promise<void>((resolve) => {
              setTimeout(
                () => {
                  const pressedAt = epoch();
                  el.addEventListener('peer-dispatch-status', function listen(event) {
                    const { dispatch, status } = (event as CustomEvent<{ dispatch: { id: string }; status: string }>)
                      .detail;
                    if (status !== 'notified') return;
                    el.removeEventListener('peer-dispatch-status', listen);
                    results.push({ id: dispatch.id, pressedAt, notifiedAt: epoch() });
                    resolve();
                  });
                  press(el);
                },
                (i * 1000) / rate,
              );
            }),
        ),
      );
      return results;
    },
    count,
    rate,
    { bundle: '/peerlink/peerlink.min.js', host: '/shared/host.js' },
  );
}

/** How far the page's clock (`performance.timeOrigin + now()`) runs ahead of this process's. */
async function pageClockAhead(page: Page): Promise<number> {
  const before = performance.timeOrigin + performance.now();
  const there = await page.evaluate(() => performance.timeOrigin + performance.now());
  const after = performance.timeOrigin + performance.now();
  return there - (before + after) / 2;
}

/** The figures of one run: the table and its `figure:` lines. */
async function report(stack: Stack, page: Page, pressed: Pressed[], heading: string, label: string): Promise<void> {
  const ahead = await pageClockAhead(page);

  // The receivers' times, in the page's clock.
  const received = (at: number | undefined) => (at ?? Number.NaN) + ahead;
  const text = await Promise.all(
    pressed.map((p) => stack.waitFor('texts', (m) => m.dispatchId === p.id && m.to === '+12175550101', 60_000)),
  );
  const mail = await Promise.all(
    pressed.map((p) => stack.waitFor('mails', (m) => m.dispatchId === p.id && m.to === 'peer1@example.org', 60_000)),
  );
  const shown = pressed.map((p) => p.notifiedAt - p.pressedAt);
  const texted = pressed.map((p, i) => received(text[i]?.epochMs) - p.pressedAt);
  const mailed = pressed.map((p, i) => received(mail[i]?.epochMs) - p.pressedAt);
  const row = (name: string, values: number[]) =>
    `| ${name.padEnd(34)} | ${String(values.length).padStart(5)} | ${quantile(values, 0.5).toFixed(0).padStart(6)} | ${quantile(values, 0.99).toFixed(0).padStart(6)} | ${Math.max(
      ...values,
    )
      .toFixed(0)
      .padStart(6)} |`;
  const span = (Math.max(...pressed.map((p) => p.pressedAt)) - Math.min(...pressed.map((p) => p.pressedAt))) / 1000;
  const rate = `${String(pressed.length)} presses at ${(pressed.length / span).toFixed(0)}/s`;
  console.log(`\n${heading}: ${rate} over ${span.toFixed(1)} s`);
  console.log('| from the confirming press to        |     n | p50 ms | p99 ms | max ms |');
  console.log('| ---------------------------------- | ----: | -----: | -----: | -----: |');
  console.log(row('text received (SMS webhook)', texted));
  console.log(row('e-mail received (SMTP)', mailed));
  console.log(row('CAD shows notified', shown));
  const figure = (what: string, values: number[], goal: string) =>
    `figure: press → ${what} (${label})\tp50 ${quantile(values, 0.5).toFixed(0)} ms, p99 ${quantile(values, 0.99).toFixed(0)} ms\t${rate}${goal}`;
  console.log(figure('CAD shows notified', shown, '; goal p99 ≤ 50 ms'));
  console.log(figure('text received', texted, ''));
}

async function run(storage: 'PGlite' | 'PostgreSQL', databaseUrl?: string): Promise<void> {
  const stack = await startStack({
    ...(databaseUrl ? { databaseUrl } : {}),
    config: { rateLimit: { capacity: 2000, perSecond: 1000 } },
  });
  try {
    const session = await fetch(`${stack.host.url}/host/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: stack.host.url },
      body: JSON.stringify({ role: 'dispatcher' }),
    });
    if (!session.ok) throw new Error(`embed session: HTTP ${String(session.status)}`);
    const { token } = (await session.json()) as { token: string };

    // One console among the center's load: the generator starts first and runs past the last press.
    const console1 = await stack.page('/cad-console/index.html');
    await console1.evaluate('globalThis.__name = (fn) => fn');
    const others = Math.max(0, RATE - OWN_RATE);
    const load = drive({ url: stack.server.url, token, connections: 32, seconds: OWN / OWN_RATE + 8, rate: others });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const own = await pressInPage(console1, OWN, OWN_RATE);
    const carried = await load;
    await report(
      stack,
      console1,
      own,
      `One CAD console among the center's load, ${storage} storage (${others}/s from a load generator: ${String(carried.requests)} sent, ${carried.perSecond.toFixed(0)}/s, POST p50 ${carried.p50.toFixed(0)} / p99 ${carried.p99.toFixed(0)} ms, ${String(carried.non2xx)} not 2xx)`,
      `${storage}, one console among ${String(RATE)}/s`,
    );
    await console1.close();

    // One page pressing the whole rate.
    const page = await stack.page('/cad-console/index.html');
    await page.evaluate('globalThis.__name = (fn) => fn');
    const pressed = await pressInPage(page, COUNT, RATE);
    await report(
      stack,
      page,
      pressed,
      `One CAD page pressing all ${String(RATE)}/s, ${String(COUNT)} buttons live in it, ${storage} storage`,
      `${storage}, one page pressing ${String(RATE)}/s`,
    );
  } finally {
    await stack.close();
  }
}

await run('PGlite');
const why = await postgresUnavailable();
if (why) {
  console.log(`\nPostgreSQL run skipped: ${why}`);
} else {
  const database = await freshDatabase();
  try {
    await run('PostgreSQL', database.url);
  } finally {
    await database.drop();
  }
}
