import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, freePort, startServiceProcess, type ServiceProcess } from '@bridge/testing';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startConsoleOf } from './support/console-process';
import { startSyncSystem, type SyncSystem } from './support/sync-system';

/**
 * The console in headless Chromium against the whole system (both simulators, every service): a CIC Master
 * Administrator signs in and walks every page; confirms a paused deletion after seeing exactly what it deletes;
 * retries a quarantined record; and reprovisions a freshly reset Genesys Cloud simulator, watching the progress
 * bar reach 100% and the org converge. Screenshots of each page go to `E2E_CONSOLE_SCREENSHOTS` (docs/console
 * when refreshing the README's), else to tmp/console-screenshots.
 */
const CHROMIUM = '/usr/bin/chromium';
const CENTER = { users: 20, workgroups: 6, skills: 3, wrapups: 3, seed: 15 };
const SHOTS = process.env['E2E_CONSOLE_SCREENSHOTS'] ?? join(process.cwd(), 'tmp', 'console-screenshots');

// A developer without Debian's Chromium skips the browser scenarios; CI installs it (.ci/run) and never skips.
const describeWithChromium = existsSync(CHROMIUM) || process.env['CI'] ? describe : describe.skip;

describeWithChromium('the console in headless Chromium', () => {
  let system: SyncSystem;
  let consoleProcess: ServiceProcess;
  let upload: ServiceProcess;
  let context: BrowserContext;
  let profile: string;
  let page: Page;

  const shot = async (name: string) => {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };
  /**
   * What of the page's layout is broken: a box overlapping a neighbour in its grid, or content wider than its box
   * or the window (a table squeezed into a grid column once spilled over the cards beside it).
   */
  const layoutFaults = () =>
    page.evaluate<string[]>(`(() => {
      const faults = [];
      const name = (e) => e.querySelector('h2, caption')?.textContent?.trim() ?? e.tagName;
      if (document.documentElement.scrollWidth > window.innerWidth) {
        const wide = [...document.querySelectorAll('main *')].filter(
          (e) => e.getBoundingClientRect().right > window.innerWidth + 1 && e.children.length === 0,
        );
        faults.push('the page scrolls sideways: ' + wide.slice(0, 3).map((e) => e.outerHTML.slice(0, 80)).join(' | '));
      }
      for (const grid of document.querySelectorAll('.grid')) {
        const boxes = [...grid.children];
        boxes.forEach((box, i) => {
          if (box.scrollWidth > box.clientWidth + 1) faults.push(name(box) + ' is wider than its box');
          const a = box.getBoundingClientRect();
          for (const other of boxes.slice(i + 1)) {
            const b = other.getBoundingClientRect();
            if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
              faults.push(name(box) + ' overlaps ' + name(other));
          }
        });
      }
      return faults;
    })()`);
  const open = async (path: string) => {
    await page.goto(`${consoleProcess.baseUrl}${path}`);
    return page;
  };
  /** Reloads `path` until `check` passes: the pages are server-rendered, so a reload shows the newest state. */
  const until = async (path: string, check: () => Promise<boolean>, timeoutMs = 60_000) =>
    eventually(async () => {
      await open(path);
      return (await check()) ? true : undefined;
    }, timeoutMs);

  beforeAll(async () => {
    system = await startSyncSystem({
      label: 'console',
      center: CENTER,
      // The deletions made one after another through CIC must count as one change, hence the longer settle.
      deliveryEnv: {
        DELIVERY_MAX_ATTEMPTS: '2',
        DELIVERY_DELETION_MIN_COUNT: '2',
        DELIVERY_DELETION_SETTLE_MS: '3000',
      },
    });
    // The console and Chromium start while the initial sync converges: the console reads the streams from
    // their start, so it misses nothing. All settle before a failure is thrown, so afterAll stops each.
    const uploadPort = await freePort();
    profile = mkdtempSync(join(tmpdir(), 'console-chromium-'));
    const started = await Promise.allSettled([
      system.converged(90_000),
      startConsoleOf(system, { CONSOLE_STATUS_POLL_MS: '1000' }).then(
        (service) => void (consoleProcess = service),
      ),
      chromium
        .launchPersistentContext(profile, {
          executablePath: CHROMIUM,
          headless: true,
          viewport: { width: 1280, height: 800 },
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--no-first-run',
            '--disable-background-networking',
          ],
        })
        .then((launched) => void (context = launched)),
    ]);
    for (const result of started) if (result.status === 'rejected') throw result.reason as Error;
    // Not part of the sync, but the Health page lists it with the others: started once the sync has settled,
    // as its start-up competes for the same cores.
    upload = await startServiceProcess({
      name: 'historical-upload',
      main: 'apps/historical-upload/src/main.ts',
      env: {
        ...system.isolation().env,
        LOG_LEVEL: 'warn',
        HISTORICAL_UPLOAD_PORT: String(uploadPort),
        GC_API_URL: system.genesys.baseUrl,
        GC_LOGIN_URL: system.genesys.baseUrl,
      },
      baseUrl: `http://127.0.0.1:${uploadPort}`,
      timeoutMs: 90_000,
    });
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await Promise.allSettled([consoleProcess?.stop(), upload?.stop()]);
    await system?.stop();
  });

  it('sends a visitor to sign in, and lets the CIC Master Administrator in', async () => {
    await open('/records');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await shot('sign-in');
    await page.fill('input[name="name"]', 'PureCloudAdmin');
    await page.fill('input[name="password"]', '1234');
    await page.click('button[type="submit"]');
    await page.waitForURL(`${consoleProcess.baseUrl}/`);
    expect(await page.textContent('.who')).toContain('PureCloudAdmin');
  });

  it('walks every page: health, status, records, a record, activity, actions, plan, configuration', async () => {
    await until('/', async () => (await page.textContent('main'))?.includes('genesys-delivery') ?? false);
    await eventually(
      async () => ((await page.textContent('main'))?.includes('no answer') ? undefined : true),
      30_000,
    );
    expect(await page.textContent('main')).toContain('CIC connection');
    await shot('health');
    expect(await layoutFaults()).toEqual([]);
    // Readable on a phone: one column, the navigation wrapping above it.
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('health-phone');
    expect(await layoutFaults()).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });

    await until(
      '/status',
      async () => Number(await page.textContent('table.counts tbody tr:first-child td.synced')) > 0,
    );
    await shot('status');

    await page.click('table.counts tbody tr:first-child td.synced a');
    await page.waitForURL(/\/records\?kind=user&status=synced/);
    expect(await page.locator('main tbody tr').count()).toBeGreaterThan(0);
    await shot('records');

    const first = page.locator('main tbody tr:first-child td:nth-child(2) a');
    const key = (await first.textContent()) ?? '';
    await page.fill('input[name="q"]', key);
    await page.press('input[name="q"]', 'Enter');
    await page.waitForURL(/q=/);
    await page.click(`main tbody a:text-is("${key}")`);
    await page.waitForURL(/\/records\/user\//);
    const record = (await page.textContent('main')) ?? '';
    expect(record).toContain('CicUserChanged');
    expect(record).toContain('MappingUserDesired');
    expect(record).toContain('DeliveryRecordOutcome');
    // The attempt that created the user: the request delivery sent and what Genesys answered.
    const created = page.locator('table.calls tr', { hasText: 'POST /api/v2/scim/v2/users' });
    expect(await created.first().textContent()).toMatch(/\{ schemas, userName,[^}]*\}\s*201\s*id \S+/);
    await shot('record');

    await open('/activity');
    expect(await page.locator('main tbody tr').count()).toBeGreaterThan(0);
    await shot('activity');

    await open('/actions');
    expect(await page.textContent('#sync')).toContain('running');
    await shot('actions');

    await open('/actions/plan');
    expect(await page.textContent('main')).toContain('What a full reconcile would change');
    await shot('plan');

    await open('/settings');
    expect(await page.textContent('main')).toContain('CONSOLE_PORT');
    await shot('settings');
  });

  it('confirms a paused deletion after showing exactly what it deletes', async () => {
    const { expected } = await system.converged(30_000);
    const queues = Object.keys(expected.queues);
    const center = await system.center();
    const doomed = center.workgroups
      .filter((w) => queues.includes(w.displayName?.trim() || w.id))
      .slice(0, 3);
    for (const workgroup of doomed)
      await system.cicCall(`/sim/workgroups/${encodeURIComponent(workgroup.id)}`, 'DELETE');

    await until('/actions', async () => {
      const table = page.locator('#deletions tbody');
      const listed = (await table.count()) > 0 ? ((await table.textContent()) ?? '') : '';
      return doomed.every((w) => listed.includes(w.id));
    });
    await shot('deletions-paused');
    await page.click('#deletions button[data-action]');
    const { actual, expected: after } = await system.converged(60_000);
    expect(actual).toEqual(after);
    expect(Object.keys(actual.queues)).toHaveLength(queues.length - doomed.length);
    await until('/activity?source=operator', async () =>
      ((await page.textContent('main')) ?? '').includes('OperatorDeletionsConfirm'),
    );
  });

  it('retries a quarantined record once Genesys Cloud takes it again', async () => {
    await system.genesysCall('/sim/faults', 'POST', {
      pathPrefix: '/api/v2/routing/wrapupcodes',
      method: 'POST',
      errorRatio: 1,
      errorStatus: 500,
    });
    await system.cicCall('/sim/wrap-up-codes', 'POST', { id: 'Console retry' });
    await until('/records?status=quarantined', async () =>
      ((await page.textContent('main tbody')) ?? '').includes('Console retry'),
    );
    await shot('quarantined');
    await system.genesysCall('/sim/faults', 'DELETE');

    // Every failed attempt, each with the request sent and the simulator's 500.
    await until(
      `/records/wrapUpCode/${encodeURIComponent('Console retry')}`,
      async () =>
        (await page.locator('table.calls tr', { hasText: 'POST /api/v2/routing/wrapupcodes' }).count()) === 2,
    );
    const captions = await page.locator('table.calls caption').allTextContents();
    expect(captions.map((caption) => caption.replace(/\s+/g, ' ').trim())).toEqual([
      'Attempt 1',
      'Attempt 2',
    ]);
    expect(
      await page
        .locator('table.calls tr', { hasText: 'POST /api/v2/routing/wrapupcodes' })
        .first()
        .textContent(),
    ).toMatch(/\{ name \}\s*500\s/);
    await page.click('button[data-action="/api/quarantine/release"]');
    const released = await eventually(async () => {
      const answer = await page.request.get(
        `${consoleProcess.baseUrl}/api/activity?source=operator&q=Console`,
      );
      const entries = (await answer.json()) as { action: string; detail: string }[];
      return entries.find((entry) => entry.action === 'OperatorQuarantineRelease');
    }, 10_000);
    expect(released.detail).toContain('done');
    await until(
      `/records/wrapUpCode/${encodeURIComponent('Console retry')}`,
      async () => (await page.locator('dd.synced').count()) > 0,
    );
    const { actual, expected } = await system.converged(30_000);
    expect(actual).toEqual(expected);
  });

  it('reprovisions a freshly reset Genesys Cloud simulator: the progress bar reaches 100% and the org converges', async () => {
    await system.genesysCall('/sim/reset', 'POST');
    await open('/actions');
    await page.selectOption('#reprovision-target', 'newOrg');
    await page.click('#reprovision button[data-action="/api/reprovision"]');
    await page.waitForFunction(
      () => (document.getElementById('reprovision-progress') as HTMLProgressElement | null)?.value === 100,
      undefined,
      { timeout: 120_000, polling: 250 },
    );
    expect(await page.textContent('#reprovision-text')).toContain('100%');
    await shot('reprovision');
    const { actual, expected } = await system.converged(60_000);
    expect(actual).toEqual(expected);
  });
});
