// Sealed content must be sealed to the key this installation advertises now; plain content is
// refused when the installation requires encryption.
import type { ServerContext } from '../context.js';
import { ProblemError } from '../http/problems.js';

export function requireCurrentKey(context: ServerContext, keyId: string): void {
  if (!context.encryptionKey || context.encryptionKey.keyId !== keyId) throw new ProblemError('unknown-key');
}

export function refusePlainWhenRequired(context: ServerContext): void {
  if (context.encryptionKey && context.config.encryption.required) throw new ProblemError('encryption-required');
}
