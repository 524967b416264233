import { css } from 'lit';

export const shareFormStyles = css`
  fieldset {
    border: 0;
    padding: 0;
    margin: 0 0 var(--_space);
    min-inline-size: 0;
  }
  legend,
  label {
    font-weight: 700;
  }
  legend {
    padding: 0;
    margin-block-end: 0.5rem;
  }
  .form-field {
    margin-block-end: var(--_space);
  }
  .form-field > label,
  .hint {
    display: block;
  }
  .hint {
    color: var(--_meta);
    margin-block: 0.25rem;
  }
  .option {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.75rem;
  }
  .option input {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0;
    flex: none;
  }
  .option label {
    font-weight: 400;
  }
  textarea,
  input[type='text'] {
    font: inherit;
    color: inherit;
    box-sizing: border-box;
    inline-size: 100%;
    max-inline-size: 100%;
    min-block-size: 2.75rem;
    padding: 0.5rem;
    border: 2px solid var(--_border-color);
    border-radius: var(--_radius);
    background: var(--weerbaar-input-background-color, #ffffff);
  }
  .invalid textarea,
  .invalid input,
  .invalid select {
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
  .read-code {
    font-family: ui-monospace, monospace;
    font-size: 1.25em;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin-block: var(--_space);
  }
  @media (forced-colors: active) {
    .error-summary {
      border-color: CanvasText;
    }
    .error-summary a {
      color: LinkText;
    }
    .option input {
      appearance: auto;
    }
  }
`;
