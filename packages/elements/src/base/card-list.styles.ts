import { css } from 'lit';

/**
 * A list of cards under a form that filters it: what the support directory (its contacts), the
 * dilemma cards and the console (its cases and dilemmas) share. A `.row` of fields or buttons that
 * wraps, each `.field` a label above its control; the `.cards` list; a `.card` (its colours from
 * `--_card-background` and `--_card-border`, which each element sets from its own tokens) with a
 * `.badge` and a `.meta` line. Each element's own sheet comes after this one, so its rules still win
 * where they refine these.
 */
export const cardListStyles = css`
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: end;
    margin-block-end: var(--_space);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    flex: 1 1 12rem;
    min-inline-size: 0;
  }
  select,
  input[type='search'] {
    min-block-size: 2.75rem;
    max-inline-size: 100%;
    padding-inline: 0.5rem;
    border: 2px solid var(--_border-color);
    border-radius: var(--_radius);
    background: var(--weerbaar-input-background-color, #ffffff);
  }
  .cards {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .card {
    padding: var(--_space);
    background: var(--_card-background);
    border: 1px solid var(--_card-border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-block;
    padding-inline: 0.5rem;
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    font-size: 0.875rem;
    font-weight: 700;
  }
  .meta {
    color: var(--_meta);
    font-size: 0.875em;
  }
`;
