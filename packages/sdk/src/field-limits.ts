/**
 * @weerbaar/sdk/field-limits — the contract's field limits, one constant per schema (and per
 * operation with limited query parameters), from `@weerbaar/spec` so that SDK users never need it:
 * import this entry as a namespace (`fieldLimits`), then
 * `fieldLimits.ContactDetails.email.maxLength`. Bundlers keep only the constants used.
 */
export * from '@weerbaar/spec/field-limits';
