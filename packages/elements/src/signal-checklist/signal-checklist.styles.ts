import { css } from 'lit';

export const signalChecklistStyles = css`
  :host {
    --_background: var(--weerbaar-signal-checklist-background-color, transparent);
    --_theme-border: var(--weerbaar-signal-checklist-theme-border-color, var(--_border-color));
    --_explanation: var(--weerbaar-signal-checklist-explanation-color, var(--weerbaar-secondary-text-color, #4a4a4a));
    --_advice-background: var(--weerbaar-signal-checklist-advice-background-color, var(--weerbaar-info-background-color, #eaf2fb));
    --_advice-border: var(--weerbaar-signal-checklist-advice-border-color, var(--weerbaar-info-accent-color, #0b4a8f));
    --_urgent-border: var(--weerbaar-signal-checklist-urgent-border-color, var(--weerbaar-urgent-accent-color, #a4161a));
    --_checkbox-size: var(--weerbaar-signal-checklist-checkbox-size, 1.5rem);
  }
  .checklist {
    background: var(--_background);
  }
  .theme {
    margin: 0 0 var(--_space);
    padding-block: calc(var(--_space) / 2) var(--_space);
    padding-inline: var(--_space);
    border: 1px solid var(--_theme-border);
    border-radius: var(--_radius);
    min-inline-size: 0;
  }
  legend {
    padding-inline: 0.25rem;
  }
  legend .heading {
    margin: 0;
  }
  .signal,
  .consent {
    display: grid;
    grid-template-columns: var(--_checkbox-size) 1fr;
    column-gap: 0.75rem;
    align-items: start;
  }
  .signal {
    margin-block: calc(var(--_space) / 2);
  }
  .signal input,
  .consent input {
    inline-size: var(--_checkbox-size);
    block-size: var(--_checkbox-size);
    margin: 0;
    accent-color: var(--_advice-border);
  }
  .signal label,
  .consent label {
    overflow-wrap: anywhere;
  }
  .explanation {
    grid-column: 2;
    margin: 0;
    color: var(--_explanation);
    font-size: 0.9375em;
  }
  .theme-advice {
    margin-block: var(--_space) 0;
    padding-inline-start: 0.75rem;
    border-inline-start: 4px solid var(--_advice-border);
  }
  .advice {
    margin-block: var(--_space);
    padding: var(--_space);
    background: var(--_advice-background);
    border-inline-start: 0.5rem solid var(--_advice-border);
    border-radius: var(--_radius);
  }
  /* After .advice and .theme-advice, with the same specificity: it wins for both. */
  .level-urgent {
    border-inline-start-color: var(--_urgent-border);
  }
  .next-steps {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .next-steps li {
    margin-block: 0.5rem;
  }
  .consent {
    margin-block-end: 0.5rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .copy-status {
    flex-basis: 100%;
    margin: 0;
  }
  .error {
    font-weight: 700;
  }
  @media (forced-colors: active) {
    .advice,
    .theme-advice {
      border-color: CanvasText;
    }
  }
`;
