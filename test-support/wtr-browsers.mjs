// The three engines the browser suites run in, each from Debian's packages (TOOLCHAIN.md):
//
// - Chromium through Playwright (`/usr/bin/chromium`; CHROME_PATH overrides),
// - Firefox ESR through puppeteer-core over WebDriver BiDi (`/usr/bin/firefox-esr`; FIREFOX_PATH),
// - WebKit, Safari's engine, through WebKitWebDriver driving MiniBrowser on a virtual display
//   (`xvfb-run`), with WebDriver classic.
//
// `browserFeaturesPlugin` tells the page under test what the runner can do in its engine, so a
// test that needs an emulation the engine's driver lacks is skipped by name rather than failing.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { chromeLauncher } from '@web/test-runner-chrome';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import * as puppeteer from 'puppeteer-core';
import { browserPaths } from './browser-paths.mjs';

export const BROWSER_FEATURES_PATH = '/__weerbaar/browser-features.js';

/**
 * What each engine's driver can emulate. Puppeteer emulates media only over CDP (Chromium);
 * WebDriver classic has no media emulation and no viewport command; only Chromium (CDP) has a virtual
 * authenticator for passkeys.
 */
export const browserFeatures = {
  chromium: { emulateMedia: true, setViewport: true, virtualAuthenticator: true },
  firefox: { emulateMedia: false, setViewport: true, virtualAuthenticator: false },
  webkit: { emulateMedia: false, setViewport: false, virtualAuthenticator: false },
};

function chromium() {
  return playwrightLauncher({
    product: 'chromium',
    launchOptions: {
      executablePath: browserPaths.chromium,
      // No background traffic: this machine's network is closed, and tests must see only our requests.
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
    },
  });
}

function firefox() {
  return chromeLauncher({
    puppeteer,
    launchOptions: {
      browser: 'firefox',
      executablePath: browserPaths.firefox,
      headless: true,
      // No background traffic either: no updates, no telemetry, no remote settings.
      extraPrefsFirefox: {
        'app.update.enabled': false,
        'browser.shell.checkDefaultBrowser': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'toolkit.telemetry.enabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
      },
    },
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForDriver(url, driver, deadline) {
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with code ${driver.exitCode}`);
    try {
      const response = await fetch(`${url}/status`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('WebKitWebDriver did not answer within 20 s');
}

/** WebdriverLauncher that starts its own WebKitWebDriver on a virtual display and stops it. */
class WebKitLauncher extends WebdriverLauncher {
  constructor() {
    super({
      capabilities: {
        browserName: 'MiniBrowser',
        // The driver refuses BiDi capabilities: WebDriver classic only.
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: browserPaths.webkitBrowser, args: ['--automation'] },
      },
      logLevel: 'error',
    });
  }

  async initialize(config, testFiles) {
    const port = await freePort();
    // `-ac`: without it MiniBrowser may not open the display. Own process group, so stopping it
    // stops xvfb-run, Xvfb and the driver together.
    this.driverProcess = spawn(
      browserPaths.xvfbRun,
      ['-a', '-s', '-ac -screen 0 1280x900x24', browserPaths.webkitDriver, `--host=127.0.0.1`, `--port=${port}`],
      { stdio: 'ignore', detached: true },
    );
    await waitForDriver(`http://127.0.0.1:${port}`, this.driverProcess, Date.now() + 20_000);
    Object.assign(this.options, { hostname: '127.0.0.1', port, path: '/' });
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
  }

  async stop() {
    await super.stop();
    if (this.driverProcess?.exitCode === null) {
      try {
        process.kill(-this.driverProcess.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  }
}

function webkit() {
  return new WebKitLauncher();
}

export const launchers = { chromium, firefox, webkit };

/**
 * Test files at once. Firefox gives keyboard focus to one tab at a time, so keyboard tests in a
 * second tab would wait forever; WebKit's driver runs two files only as iframes of one page,
 * where the CSP and top-level pages under test cannot work.
 */
export const concurrency = { chromium: 2, firefox: 1, webkit: 1 };

/**
 * Serves `/__weerbaar/browser-features.js`: `{ browser, emulateMedia, setViewport }` for the
 * engine this run uses.
 * @param {'chromium' | 'firefox' | 'webkit'} browser
 * @returns {import('@web/dev-server-core').Plugin}
 */
export function browserFeaturesPlugin(browser) {
  const body = `export const browser = ${JSON.stringify(browser)};\nexport const features = ${JSON.stringify(browserFeatures[browser])};\n`;
  return {
    name: 'weerbaar-browser-features',
    serve(context) {
      return context.path === BROWSER_FEATURES_PATH ? { body, type: 'js' } : undefined;
    },
  };
}
