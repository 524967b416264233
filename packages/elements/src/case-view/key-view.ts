import { html, nothing, type TemplateResult } from 'lit';
import { fieldError, fieldProblem, notice, submitted, type CaseContext } from './case-context.js';
import { privateKeyFromJwkText } from './keyring.js';
import { passkeyPrfOutput, passkeysAvailable, unwrapPrivateKey, WRAP_ALGORITHM, wrapPrivateKey } from './passkey-key.js';

/**
 * Opening a sealed report on this device: the organisation's key from its file, or unlocked by the
 * person's passkey (its PRF output unwraps the key the server keeps wrapped); and the offer to keep
 * the key with the passkey once the file opened it. The key itself never leaves the browser.
 */
export class KeyView {
  /** The key was kept with the person's passkey during this view's life (their `me` predates it). */
  #keptWithPasskey = false;
  #passkeyTried = false;

  constructor(private readonly context: CaseContext) {}

  /** Another case: the passkey may be tried once more. */
  reset(): void {
    this.#passkeyTried = false;
  }

  /** The person's passkey, when it can keep the organisation's key here (`caseManagement.wrappedKeys`, encryption, PRF in this browser). */
  #passkey(): { passkeyId: string; rpId: string; keyId: string; publicKey: { x: string; y: string } } | undefined {
    const { context } = this;
    const capabilities = (context.loaded?.discovery ?? context.discovery)?.capabilities;
    const passkeyId = context.me?.session.passkeyId;
    const rpId = capabilities?.caseManagement?.signIn?.passkey?.rpId;
    const encryption = capabilities?.encryption;
    if (!capabilities?.caseManagement?.wrappedKeys || !passkeyId || !rpId || !encryption || !passkeysAvailable()) return undefined;
    return { passkeyId, rpId, keyId: encryption.keyId, publicKey: encryption.publicKey as { x: string; y: string } };
  }

  #passkeyKeepsKey(): boolean {
    const passkey = this.#passkey();
    return !!passkey && (this.#keptWithPasskey || !!this.context.me?.account.passkeys.find((item) => item.passkeyId === passkey.passkeyId)?.hasWrappedKey);
  }

  /**
   * Signed in with a passkey that keeps the key, and its PRF output came with the sign-in: unlocks
   * without a second touch (once a case). True when it tried.
   */
  async unlockAtOnce(): Promise<boolean> {
    if (!this.context.keyring.prfOutput || !this.#passkeyKeepsKey() || this.#passkeyTried) return false;
    this.#passkeyTried = true;
    await this.#unlockWithPasskey();
    return true;
  }

  /** The PRF output: the one handed over at sign-in, else from a ceremony now (the person touches their passkey). */
  async #prfOutput(passkeyId: string, rpId: string): Promise<ArrayBuffer | undefined> {
    const { keyring } = this.context;
    const output = keyring.prfOutput ?? (await passkeyPrfOutput(passkeyId, rpId));
    if (output && !keyring.prfOutput) keyring.acceptPrfOutput(output);
    return output;
  }

  async #unlockWithPasskey(): Promise<void> {
    const { context } = this;
    const passkey = this.#passkey()!;
    try {
      const wrapped = await context.client.getWrappedKey(passkey.passkeyId);
      if (wrapped.keyId !== passkey.keyId) {
        context.notices.set('key', { text: context.t('keyPasskeyOld'), error: true });
        context.requestUpdate();
        return;
      }
      const output = await this.#prfOutput(passkey.passkeyId, passkey.rpId);
      if (!output) throw new Error('no PRF');
      context.keyring.unlock(await unwrapPrivateKey(wrapped.wrappedKey, output, wrapped.keyId, passkey.publicKey));
    } catch (error) {
      if (context.sessionEnded(error)) return;
      context.notices.set('key', { text: context.t('keyPasskeyFailed'), error: true });
      context.requestUpdate();
    }
  }

  async #keepWithPasskey(): Promise<void> {
    const { context } = this;
    const passkey = this.#passkey()!;
    const privateKey = context.keyring.privateKey!;
    try {
      const output = await this.#prfOutput(passkey.passkeyId, passkey.rpId);
      if (!output) throw new Error('no PRF');
      const wrappedKey = await wrapPrivateKey(privateKey, output, passkey.keyId);
      await context.client.storeWrappedKey(passkey.passkeyId, { keyId: passkey.keyId, algorithm: WRAP_ALGORITHM, wrappedKey });
      this.#keptWithPasskey = true;
      context.notices.set('keep', { text: context.t('keyStored') });
    } catch (error) {
      if (context.sessionEnded(error)) return;
      context.notices.set('keep', { text: context.t('keyStoreFailed'), error: true });
    }
    context.requestUpdate();
  }

  async #importKey(): Promise<void> {
    const { context } = this;
    const input = context.host.shadowRoot?.querySelector<HTMLInputElement>('#key-file');
    const file = input?.files?.[0];
    if (!file) return fieldProblem(context, 'key', 'keyMissing', 'key-file');
    // A key file is small; anything bigger is not one (and is not read into memory).
    const privateKey = file.size < 10_000 ? privateKeyFromJwkText(await file.text()) : undefined;
    if (!privateKey) return fieldProblem(context, 'key', 'keyNotAKey', 'key-file');
    if (input) input.value = '';
    context.notices.delete('key');
    context.keyring.unlock(privateKey);
  }

  /** The case is sealed and not open yet: the passkey (when it keeps the key) or the key file. */
  form(): TemplateResult {
    const { context } = this;
    const { t } = context;
    const invalid = fieldError(context, 'key', 'key-file');
    return html`<section class="key no-print" aria-labelledby="key-heading">
      ${context.heading(1, t('keyHeading'), 'key-heading')}
      <p>${t('keyIntro')}</p>
      ${this.#passkeyKeepsKey()
        ? html`<p>${t('keyPasskeyIntro')}</p>
            <p><button type="button" part="passkey-button" aria-describedby="key-notice" @click=${() => void this.#unlockWithPasskey()}>${t('keyPasskey')}</button></p>
            <p>${t('keyOrFile')}</p>`
        : nothing}
      <form novalidate @submit=${submitted(() => this.#importKey())}>
        <div class="field">
          <label for="key-file">${t('keyFile')}</label>
          <p class="hint" id="key-file-hint">${t('keyFileHint')}</p>
          <input id="key-file" type="file" accept=".json,.jwk,application/json" aria-describedby="key-file-hint key-notice" aria-invalid=${invalid ? 'true' : 'false'} />
        </div>
        ${notice(context, 'key')}
        <button type="submit" part="key-button">${t('keyOpen')}</button>
      </form>
    </section>`;
  }

  /** The session's key is opening the case: said, with nothing to press that would go away under the person's hand. */
  opening(): TemplateResult {
    return html`<section class="key no-print"><p role="status">${this.context.t('keyOpening')}</p></section>`;
  }

  /** Once the key file opened the case: keep the key with the person's passkey, so the file is not needed again. */
  keepOffer(): TemplateResult | typeof nothing {
    const { context } = this;
    const { t } = context;
    const kept = context.notices.get('keep');
    if (!context.keyring.privateKey || !this.#passkey() || (this.#passkeyKeepsKey() && !kept)) return nothing;
    return html`<section class="key no-print" aria-labelledby="keep-heading">
      ${context.heading(1, t('keyStoreHeading'), 'keep-heading')}
      ${this.#keptWithPasskey
        ? nothing
        : html`<p>${t('keyStoreIntro')}</p>
            <p><button type="button" class="secondary" part="keep-key-button" aria-describedby="keep-notice" @click=${() => void this.#keepWithPasskey()}>${t('keyStore')}</button></p>`}
      ${notice(context, 'keep')}
    </section>`;
  }
}
