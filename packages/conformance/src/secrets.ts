// Receipts and tokens the kit learns during a run. They are redacted from every piece of
// evidence (a report is handed to a municipality) and searched for where they must never appear.

const REDACTED = '[redacted]';

/** The ways a receipt could leak: as answered, without separators, in lower case. */
export function receiptVariants(receipt: string): string[] {
  const compact = receipt.replace(/[^0-9A-Za-z]/g, '');
  return [...new Set([receipt, compact, receipt.toLowerCase(), compact.toLowerCase()])];
}

export class SecretRegistry {
  private readonly secrets = new Set<string>();
  private readonly receiptSet = new Set<string>();

  addToken(token: string): void {
    if (token.length >= 8) this.secrets.add(token);
  }

  addReceipt(receipt: string): void {
    this.receiptSet.add(receipt);
    for (const variant of receiptVariants(receipt)) this.secrets.add(variant);
  }

  get receipts(): string[] {
    return [...this.receiptSet];
  }

  /** The receipt (in any of its variants) that `text` contains, if any. */
  receiptIn(text: string): string | undefined {
    const lower = text.toLowerCase();
    for (const receipt of this.receiptSet) {
      if (receiptVariants(receipt).some((variant) => lower.includes(variant.toLowerCase()))) return receipt;
    }
    return undefined;
  }

  redact(text: string): string {
    let result = text;
    // Longest first, so that a receipt is not half-redacted by one of its shorter variants.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      result = result.split(secret).join(REDACTED);
    }
    return result;
  }
}
