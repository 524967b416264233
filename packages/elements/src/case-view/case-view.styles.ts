import { css } from 'lit';

export const caseViewStyles = css`
  :host {
    --_note-background: var(--weerbaar-case-view-note-background-color, #fff4ce);
    --_note-accent: var(--weerbaar-case-view-note-accent-color, #8a5a00);
    --_error: var(--weerbaar-case-view-error-color, var(--weerbaar-urgent-accent-color, #a4161a));
    --_hint: var(--weerbaar-case-view-hint-color, var(--weerbaar-secondary-text-color, #4a4a4a));
    max-inline-size: var(--weerbaar-case-view-max-inline-size, 60rem);
  }
  section {
    margin-block: calc(var(--_space) * 1.5) 0;
  }
  .heading:focus,
  .heading:focus-visible {
    outline: none;
    box-shadow: none;
  }
  dl {
    margin: 0;
  }
  .summary,
  .answers {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .row {
    display: grid;
    grid-template-columns: minmax(8rem, 14rem) minmax(0, 1fr);
    gap: calc(var(--_space) / 2);
  }
  @media (max-width: 30rem) {
    .row {
      grid-template-columns: minmax(0, 1fr);
      gap: 0;
    }
  }
  dt {
    font-weight: 700;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .quote {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .overdue,
  .error {
    color: var(--_error);
    font-weight: 700;
  }
  .hint,
  .meta,
  .left {
    color: var(--_hint);
  }
  .meta {
    margin-block-end: 0.25rem;
  }
  .warning {
    border-inline-start: 4px solid var(--_note-accent);
    background: var(--_note-background);
    padding: calc(var(--_space) / 2);
  }
  ol,
  ul {
    padding-inline-start: 1.25rem;
  }
  .messages,
  .notes,
  .files {
    list-style: none;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .messages li,
  .notes li,
  .files li {
    border: 1px solid var(--_border-color);
    border-radius: var(--_radius);
    padding: calc(var(--_space) / 2);
  }
  .messages .from-reporter {
    border-inline-start-width: 4px;
  }
  .files li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) / 2);
  }
  .file-name {
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  /* Internal notes look different from everything the reporter sees, and say so in words too. */
  .internal-section,
  .internal {
    border-inline-start: 4px solid var(--_note-accent);
    background: var(--_note-background);
    padding: calc(var(--_space) / 2);
  }
  .internal-label {
    font-weight: 700;
  }
  form {
    margin-block: var(--_space);
  }
  .field {
    margin-block-end: var(--_space);
  }
  label {
    display: block;
    font-weight: 700;
  }
  textarea,
  input[type='text'],
  select {
    font: inherit;
    color: inherit;
    inline-size: 100%;
    max-inline-size: 40rem;
    min-block-size: 2.75rem;
    padding: 0.5rem;
    border: 2px solid var(--_border-color);
    border-radius: var(--_radius);
    background: var(--weerbaar-input-background-color, #ffffff);
  }
  .invalid textarea,
  .invalid select,
  .invalid input {
    border-color: var(--_error);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  .people {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.25rem;
  }
  .people li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) / 2);
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0 0 var(--_space);
  }
  legend {
    font-weight: 700;
    padding: 0;
  }
  .option {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    column-gap: 0.5rem;
    align-items: start;
    margin-block: 0.25rem;
  }
  .option input {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0.1rem 0 0;
  }
  .option label {
    font-weight: 400;
  }
  .option .hint {
    grid-column: 2;
  }
  input[type='date'] {
    font: inherit;
    min-block-size: 2.75rem;
    padding: 0.5rem;
    border: 2px solid var(--_border-color);
    border-radius: var(--_radius);
  }
  .table-scroll {
    max-inline-size: 100%;
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.25rem 0.5rem;
    border-block-end: 1px solid var(--_border-color);
    overflow-wrap: anywhere;
  }
  .record-header {
    border: 2px solid var(--_border-color);
    border-radius: var(--_radius);
    padding: calc(var(--_space) / 2);
    margin-block: var(--_space);
  }
  .notice:empty {
    display: none;
  }
  @media (forced-colors: active) {
    .internal-section,
    .internal,
    .warning {
      border-inline-start-color: CanvasText;
    }
  }
  @media print {
    :host {
      color: #000000;
    }
    /* The reporter's identity stays out of a printed record unless it was included on a recorded basis. */
    :host(:not([data-print-identity])) .identity {
      display: none;
    }
    section {
      break-inside: avoid-page;
    }
  }
`;
