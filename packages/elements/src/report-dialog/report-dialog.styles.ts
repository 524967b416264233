import { css } from 'lit';

export const reportDialogStyles = css`
  :host {
    --_dialog-background: var(--weerbaar-report-button-dialog-background-color, #ffffff);
    --_dialog-width: var(--weerbaar-report-button-dialog-max-inline-size, 42rem);
    --_exit-background: var(--weerbaar-report-button-quick-exit-background-color, var(--weerbaar-urgent-accent-color, #a4161a));
    --_error: var(--weerbaar-report-button-error-color, var(--weerbaar-urgent-accent-color, #a4161a));
    --_warning-background: var(--weerbaar-report-button-warning-background-color, #fff4ce);
  }
  dialog {
    box-sizing: border-box;
    inline-size: min(var(--_dialog-width), 100vw);
    max-inline-size: 100vw;
    max-block-size: 100dvh;
    margin-block: auto;
    margin-inline: auto;
    padding: 0;
    border: 2px solid var(--_border-color);
    border-radius: var(--_radius);
    background: var(--_dialog-background);
    color: inherit;
    overflow: auto;
  }
  /* The bar with the quick exit and the 112 line stay in view on every step; only the step below
     them scrolls, so nothing that gets focus can sit under them (WCAG 2.4.11). */
  dialog[open] {
    display: flex;
    flex-direction: column;
    overflow: hidden;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.6);
  }
  .top {
    flex: none;
    border-block-end: 1px solid var(--_border-color);
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) / 2);
    padding: calc(var(--_space) / 2) var(--_space) 0;
  }
  .title {
    flex: 1 1 10rem;
    font-weight: 700;
  }
  .quick-exit {
    background: var(--_exit-background);
    color: #ffffff;
    font-weight: 700;
  }
  .emergency {
    margin: 0;
    padding: calc(var(--_space) / 4) var(--_space);
    font-weight: 700;
  }
  .body {
    flex: 1 1 auto;
    min-block-size: 0;
    overflow: auto;
    padding: 0 var(--_space) var(--_space);
  }
  /* A phone: the dialog's name is for screen readers only, and the header takes two short lines. */
  @media (max-width: 30rem) {
    .title {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .bar {
      justify-content: space-between;
      padding-block-start: calc(var(--_space) / 4);
    }
  }
  /* Step headings get focus so that screen readers start there; they are not controls, so no ring. */
  .heading:focus,
  .heading:focus-visible {
    outline: none;
    box-shadow: none;
  }
  ul,
  ol {
    padding-inline-start: 1.25rem;
  }
  .choices {
    list-style: none;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  .choice {
    display: inline-block;
    font-weight: 700;
  }
  a.choice {
    padding-block: 0.5rem;
  }
  button.link {
    min-block-size: auto;
    min-inline-size: auto;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_link-color);
    text-decoration: underline;
  }
  .hint {
    color: var(--weerbaar-report-button-hint-color, var(--weerbaar-secondary-text-color, #4a4a4a));
    margin-block: 0.25rem;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0 0 var(--_space);
    min-inline-size: 0;
  }
  legend {
    font-weight: 700;
    padding: 0;
    margin-block-end: 0.5rem;
  }
  .field {
    margin-block-end: var(--_space);
  }
  .field label {
    display: block;
    font-weight: 700;
    margin-block-end: 0.25rem;
  }
  .optional {
    font-weight: 400;
  }
  .option {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 0.5rem;
    align-items: start;
    margin-block-end: 0.5rem;
  }
  .option .hint,
  .option .field-error {
    grid-column: 2;
  }
  /* Radios and checkboxes drawn from the design tokens; native again in forced colours (below). */
  .option input {
    appearance: none;
    display: grid;
    place-content: center;
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0.1rem 0 0;
    border: 2px solid var(--_border-color);
    border-radius: var(--_radius);
    background: #ffffff;
  }
  .option input[type='radio'] {
    border-radius: 50%;
  }
  .option input:checked {
    border-color: var(--_button-background);
  }
  .option input::before {
    content: '';
    inline-size: 0.75rem;
    block-size: 0.75rem;
    background: var(--_button-background);
    transform: scale(0);
  }
  .option input[type='radio']::before {
    border-radius: 50%;
  }
  .option input[type='checkbox']::before {
    inline-size: 0.9rem;
    block-size: 0.9rem;
    clip-path: polygon(14% 44%, 0 65%, 50% 100%, 100% 16%, 80% 0%, 43% 62%);
  }
  .option input:checked::before {
    transform: scale(1);
  }
  input:not([type='radio'], [type='checkbox']),
  textarea {
    box-sizing: border-box;
    inline-size: 100%;
    max-inline-size: 100%;
    min-block-size: 2.75rem;
    padding: 0.5rem;
    border: 2px solid var(--_border-color);
    border-radius: var(--_radius);
    font: inherit;
    background: #ffffff;
    color: #1a1a1a;
  }
  .invalid {
    border-inline-start: 4px solid var(--_error);
    padding-inline-start: 0.75rem;
  }
  .invalid input:not([type='radio'], [type='checkbox']),
  .invalid textarea {
    border-color: var(--_error);
  }
  .field-error {
    color: var(--_error);
    font-weight: 700;
    margin-block: 0.25rem;
  }
  .error-summary {
    border: 4px solid var(--_error);
    padding: var(--_space);
    margin-block: var(--_space);
  }
  .error-summary a {
    color: var(--_error);
    font-weight: 700;
  }
  .progress {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-block: var(--_space) 0.25rem;
  }
  progress {
    appearance: none;
    inline-size: 10rem;
    max-inline-size: 100%;
    block-size: 0.75rem;
    border: 1px solid var(--_border-color);
    border-radius: var(--_radius);
    background: #ffffff;
    color: var(--_button-background);
  }
  progress::-webkit-progress-bar {
    background: #ffffff;
  }
  progress::-webkit-progress-value {
    background: var(--_button-background);
  }
  progress::-moz-progress-bar {
    background: var(--_button-background);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    margin-block: var(--_space);
  }
  .summary dt {
    font-weight: 700;
  }
  .summary dd {
    margin: 0 0 0.5rem;
  }
  .review .row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    column-gap: var(--_space);
    border-block-end: 1px solid var(--_border-color);
    padding-block: 0.5rem;
  }
  .review dt,
  .review dd:not(.change) {
    grid-column: 1;
  }
  .review .change {
    grid-column: 2;
    grid-row: 1;
    margin: 0;
  }
  .action-link {
    align-self: center;
  }
  .quote {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .warning {
    background: var(--_warning-background);
    padding: var(--_space);
    border-inline-start: 4px solid currentColor;
  }
  /* The aftercare check-in comes first, set apart from the rest of the case. */
  .check-in {
    border-block-end: 1px solid currentColor;
    margin-block-end: var(--_space);
  }
  .receipt {
    font-family: var(--weerbaar-report-button-receipt-font-family, ui-monospace, monospace);
    font-size: clamp(1.25rem, 6vw, 2rem);
    font-weight: 700;
    letter-spacing: 0.05em;
    margin-block: 0.25rem var(--_space);
    user-select: all;
  }
  .receipt .separator {
    padding-inline: 0.15em;
    color: var(--weerbaar-report-button-hint-color, var(--weerbaar-secondary-text-color, #4a4a4a));
  }
  /* A group never breaks; a line breaks only after a group's dash. */
  .receipt .group {
    display: inline-block;
    white-space: nowrap;
  }
  .messages {
    list-style: none;
    padding: 0;
  }
  .messages li {
    border-inline-start: 4px solid var(--_border-color);
    padding-inline-start: 0.75rem;
    margin-block-end: var(--_space);
  }
  .meta {
    font-weight: 700;
    margin: 0;
  }
  .spinner {
    inline-size: 2rem;
    block-size: 2rem;
    border: 4px solid var(--_border-color);
    border-block-start-color: transparent;
    border-radius: 50%;
  }
  @media (prefers-reduced-motion: no-preference) {
    .spinner {
      animation: weerbaar-spin 1s linear infinite;
    }
  }
  @keyframes weerbaar-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (forced-colors: active) {
    dialog,
    .error-summary,
    .warning {
      border-color: CanvasText;
    }
    .quick-exit {
      border-color: ButtonText;
      forced-color-adjust: auto;
    }
    .field-error,
    .error-summary a {
      color: LinkText;
    }
    .option input,
    progress {
      appearance: auto;
    }
    .option input::before {
      content: none;
    }
  }
  /* Printed, the receipt stands alone on the page (the host page is left out, see print-alone.ts). */
  @media print {
    dialog::backdrop {
      background: none;
    }
    dialog[open] {
      display: block;
      position: absolute;
      inset: 0 auto auto 0;
      margin: 0;
      border: 0;
      inline-size: 100%;
      max-block-size: none;
      overflow: visible;
    }
    .body {
      overflow: visible;
    }
    .top,
    .actions,
    .notice,
    .calendar {
      display: none;
    }
  }
`;
