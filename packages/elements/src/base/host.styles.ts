import { css } from 'lit';

/**
 * What every element's shadow DOM needs for its first render, the report button's included (it uses
 * nothing else): the design tokens (`--weerbaar-*`) fed into component tokens, links, buttons, the
 * focus indicator and the media rules. Every rule uses logical properties so right-to-left pages work.
 */
export const hostStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    max-inline-size: 100%;
    font-family: var(--weerbaar-font-family, inherit);
    font-size: var(--weerbaar-font-size, 1rem);
    line-height: var(--weerbaar-line-height, 1.5);
    color: var(--weerbaar-text-color, #1a1a1a);
    --_focus-color: var(--weerbaar-focus-outline-color, #1a1a1a);
    --_focus-halo: var(--weerbaar-focus-background-color, #ffdd00);
    --_link-color: var(--weerbaar-link-color, #0b4a8f);
    --_space: var(--weerbaar-space, 1rem);
    --_radius: var(--weerbaar-border-radius, 0.25rem);
    --_border-color: var(--weerbaar-border-color, #6b6b6b);
    --_button-background: var(--weerbaar-button-background-color, #0b4a8f);
    --_button-color: var(--weerbaar-button-color, #ffffff);
    --_button-border: var(--weerbaar-button-border-color, transparent);
    --_secondary-button-background: var(--weerbaar-secondary-button-background-color, #ffffff);
    --_secondary-button-color: var(--weerbaar-secondary-button-color, #0b4a8f);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  a {
    color: var(--_link-color);
    text-decoration-thickness: 0.08em;
    text-underline-offset: 0.15em;
    overflow-wrap: anywhere;
  }
  a:hover {
    text-decoration-thickness: 0.15em;
  }
  button {
    font: inherit;
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding-block: 0.5rem;
    padding-inline: 1rem;
    border: 2px solid var(--_button-border);
    border-radius: var(--_radius);
    background: var(--_button-background);
    color: var(--_button-color);
    cursor: pointer;
  }
  /* A focus indicator that is visible on any background (WCAG 2.4.7, 2.4.11/13). */
  :focus-visible {
    outline: 3px solid var(--_focus-color);
    outline-offset: 2px;
    box-shadow: 0 0 0 6px var(--_focus-halo);
  }
  @media (prefers-reduced-motion: no-preference) {
    button,
    a {
      transition: box-shadow 0.1s ease-out;
    }
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
    :focus-visible {
      outline-color: Highlight;
      box-shadow: none;
    }
  }
  @media print {
    button,
    .no-print {
      display: none !important;
    }
  }
`;
