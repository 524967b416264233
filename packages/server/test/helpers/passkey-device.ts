// A real passkey for tests: Chromium (Debian's /usr/bin/chromium, driven by Playwright) with a CDP
// virtual authenticator (CTAP2, internal, resident keys, user verification), on a page of the server
// under test, so that the browser signs with the server's own origin. The ceremonies run in the
// browser exactly as the console will run them (parse the JSON options, navigator.credentials,
// toJSON); the test sends the results to the API itself.
import { chromium, type Browser, type CDPSession, type Page } from 'playwright';

// Browser-side code as strings: this package's type-check knows Node, not the DOM.
const CREATE = `async (options) => {
  const credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
  return credential.toJSON();
}`;
const GET = `async (options) => {
  const credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
  return credential.toJSON();
}`;

const AUTHENTICATOR = {
  protocol: 'ctap2',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  automaticPresenceSimulation: true,
} as const;

export class PasskeyDevice {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly cdp: CDPSession,
    private authenticatorId: string,
    private readonly userVerified: boolean,
  ) {}

  /**
   * Opens `origin` (use `http://localhost:PORT`: a secure context whose host name is a valid relying
   * party id) in Chromium with a fresh virtual authenticator.
   */
  static async open(origin: string, options: { userVerified?: boolean } = {}): Promise<PasskeyDevice> {
    const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' });
    try {
      const page = await browser.newPage();
      await page.goto(`${origin}/v1/discovery`);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      const userVerified = options.userVerified ?? true;
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: { ...AUTHENTICATOR, isUserVerified: userVerified } });
      return new PasskeyDevice(browser, page, cdp, authenticatorId, userVerified);
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  /** navigator.credentials.create() with the server's creation options; the RegistrationResponseJSON. */
  async create(publicKey: unknown): Promise<any> {
    return this.page.evaluate(`(${CREATE})(${JSON.stringify(publicKey)})`);
  }

  /** navigator.credentials.get() with the server's request options; the AuthenticationResponseJSON. */
  async get(publicKey: unknown): Promise<any> {
    return this.page.evaluate(`(${GET})(${JSON.stringify(publicKey)})`);
  }

  /** The credentials the authenticator holds (to check what it registered). */
  async credentials(): Promise<{ credentialId: string; signCount: number }[]> {
    const { credentials } = await this.cdp.send('WebAuthn.getCredentials', { authenticatorId: this.authenticatorId });
    return credentials;
  }

  /**
   * Another device in the same browser: the authenticator is replaced by a fresh one (Chromium's
   * virtual authenticator keeps only a few discoverable credentials, so one per person).
   */
  async replaceAuthenticator(): Promise<void> {
    await this.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: this.authenticatorId });
    const { authenticatorId } = await this.cdp.send('WebAuthn.addVirtualAuthenticator', { options: { ...AUTHENTICATOR, isUserVerified: this.userVerified } });
    this.authenticatorId = authenticatorId;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
