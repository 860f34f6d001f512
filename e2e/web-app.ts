/**
 * Starts the real web-mode app (the built CLI, `vestige serve`) on a fresh
 * VESTIGE_HOME, and Debian's Chromium driven by playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ARTIFACTS = join(ROOT, 'e2e/artifacts');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface RunningApp {
  url: string;
  origin: string;
  home: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

export async function startApp(args: string[] = []): Promise<RunningApp> {
  const home = await mkdtemp(join(tmpdir(), 'vestige-e2e-home-'));
  const proc = spawn(process.execPath, [join(ROOT, 'bin/vestige.mjs'), 'serve', ...args], {
    env: { ...process.env, VESTIGE_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (b) => (err += String(b)));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`web mode did not start in 120 s\n${out}\n${err}`)), 120_000);
    proc.stdout!.on('data', (b) => {
      out += String(b);
      const m = /Vestige web mode: (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    proc.on('exit', (code) => fail(new Error(`web mode exited with ${code}\n${out}\n${err}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    home,
    proc,
    stop: () =>
      new Promise<void>((ok) => {
        if (proc.exitCode !== null) return ok();
        proc.once('exit', () => ok());
        proc.kill('SIGTERM');
      }),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

export interface Session {
  app: RunningApp;
  browser: Browser;
  page: Page;
}

/** Web mode on a fresh VESTIGE_HOME plus a browser page opened on it: one per test file. */
export async function startSession(args: string[] = []): Promise<Session> {
  await mkdir(ARTIFACTS, { recursive: true });
  const app = await startApp(args);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(app.url);
  return { app, browser, page };
}

export async function endSession(s: Partial<Session>): Promise<void> {
  await s.browser?.close();
  await s.app?.stop();
}
