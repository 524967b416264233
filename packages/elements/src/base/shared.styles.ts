import { css } from 'lit';
import { hostStyles } from './host.styles.js';

/**
 * Headings, paragraphs, secondary buttons, form fields and visually hidden text: what the elements
 * with more than one button use (the norm banner, checklist, support directory, the report dialog and
 * the console), kept out of the report button's first load.
 */
export const textStyles = css`
  .heading {
    font-weight: var(--weerbaar-heading-font-weight, 700);
    font-family: var(--weerbaar-heading-font-family, inherit);
    line-height: 1.25;
    margin-block: 0 calc(var(--_space) / 2);
    overflow-wrap: anywhere;
  }
  .heading-0 {
    font-size: var(--weerbaar-heading-font-size, 1.375rem);
  }
  .heading-1 {
    font-size: var(--weerbaar-subheading-font-size, 1.125rem);
  }
  p {
    margin-block: 0 calc(var(--_space) / 2);
  }
  button.secondary {
    background: var(--_secondary-button-background);
    color: var(--_secondary-button-color);
    border-color: currentColor;
  }
  input,
  select {
    font: inherit;
    color: inherit;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;

/**
 * Both sheets, host first: what every element but the report button shares (Lit flattens the array).
 * The host sheet is a module of its own so that the report button's first load carries it alone.
 */
export const sharedStyles = [hostStyles, textStyles];
