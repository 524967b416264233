import { css } from 'lit';

export const reportButtonStyles = css`
  :host {
    display: inline-block;
  }
  [part='button'] {
    display: inline-block;
    font: inherit;
    font-weight: 700;
    min-block-size: 2.75rem;
    padding-block: 0.5rem;
    padding-inline: 1rem;
    border: 2px solid var(--_button-border);
    border-radius: var(--_radius);
    background: var(--weerbaar-report-button-background-color, var(--_button-background));
    color: var(--weerbaar-report-button-color, var(--_button-color));
    text-decoration: none;
    cursor: pointer;
  }
  .note {
    margin-block: calc(var(--_space) / 2) 0;
    max-inline-size: 40rem;
  }
  @media (forced-colors: active) {
    [part='button'] {
      border-color: ButtonText;
    }
  }
`;
