import { css } from 'lit';

/** The console's own rules, after `cardListStyles` (base/card-list.styles.ts): its filters and its list of cases are a card list. */
export const caseInboxStyles = css`
  :host {
    --_card-border: var(--weerbaar-case-inbox-case-border-color, var(--_border-color));
    --_card-background: var(--weerbaar-case-inbox-case-background-color, transparent);
    --_notice-background: var(--weerbaar-case-inbox-notice-background-color, var(--weerbaar-info-background-color, #eef4fb));
    --_overdue: var(--weerbaar-case-inbox-overdue-color, var(--weerbaar-urgent-accent-color, #a4161a));
    --_due-soon: var(--weerbaar-case-inbox-due-soon-color, #7a4b00);
    --_meta: var(--weerbaar-secondary-text-color, #4a4a4a);
  }
  .heading:focus {
    outline: none;
  }
  .heading:focus-visible {
    outline: 3px solid var(--_focus-color);
  }
  .account-bar {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2) var(--_space);
    align-items: center;
    justify-content: space-between;
    margin-block-end: var(--_space);
    padding-block-end: calc(var(--_space) / 2);
    border-block-end: 1px solid var(--_card-border);
  }
  .account-bar p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .notice {
    padding: calc(var(--_space) / 2) var(--_space);
    border-inline-start: 0.5rem solid var(--_link-color);
    background: var(--_notice-background);
  }
  .field.checkbox {
    flex-direction: row;
    align-items: center;
    gap: 0.5rem;
  }
  .field.checkbox input {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0;
  }
  .hint {
    margin: 0;
    color: var(--_meta);
  }
  /* Text fields as the card list's controls; here, not in that sheet: the public elements have none. */
  input[type='text'] {
    min-block-size: 2.75rem;
    max-inline-size: 100%;
    padding-inline: 0.5rem;
    border: 2px solid var(--_border-color);
    border-radius: var(--_radius);
    background: var(--weerbaar-input-background-color, #ffffff);
  }
  .cards {
    margin: 0 0 var(--_space);
  }
  .card .heading {
    margin-block-end: 0.25rem;
  }
  button.link {
    min-block-size: 2.75rem;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_link-color);
    font-weight: 700;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    overflow-wrap: anywhere;
    text-align: start;
  }
  .clock.overdue,
  .badge.overdue {
    color: var(--_overdue);
    font-weight: 700;
  }
  .clock.due-soon {
    color: var(--_due-soon);
  }
  .clock.overdue .left,
  .clock.due-soon .left {
    padding-inline: 0.375rem;
    border: 2px solid currentColor;
    border-radius: var(--_radius);
  }
  .due {
    color: var(--_meta);
    font-weight: 400;
  }
  dl {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: 0.25rem var(--_space);
    margin-block: 0 calc(var(--_space) / 2);
  }
  dt {
    font-weight: 700;
  }
  dd {
    margin: 0;
    min-inline-size: 0;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0;
  }
  .console-nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  .console-nav [aria-current='page'] {
    font-weight: 700;
    text-decoration-thickness: 3px;
  }
  .table-scroll {
    overflow-x: auto;
  }
  table {
    width: 100%;
    margin-block: var(--_space);
    border-collapse: collapse;
  }
  caption {
    font-weight: 700;
    text-align: start;
  }
  th,
  td {
    padding: 0.25rem 0.5rem 0.25rem 0;
    border-block-end: 1px solid var(--_card-border);
    text-align: start;
    overflow-wrap: anywhere;
  }
  .bar-cell {
    width: 40%;
  }
  .bar {
    display: block;
    width: 100%;
    height: 1rem;
    fill: var(--_link-color);
  }
  .invitation input {
    width: 100%;
  }
  @media (forced-colors: active) {
    .bar {
      fill: CanvasText;
    }
    .clock.overdue,
    .badge.overdue,
    .clock.due-soon,
    button.link {
      color: CanvasText;
      forced-color-adjust: auto;
    }
    button.link {
      color: LinkText;
      border: 0;
    }
    .notice {
      border: 1px solid CanvasText;
      border-inline-start: 0.5rem solid CanvasText;
    }
  }
`;
