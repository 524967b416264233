import { css } from 'lit';

export const dilemmaCardsStyles = css`
  :host {
    --_card-background: var(--weerbaar-dilemma-cards-card-background-color, transparent);
    --_card-border: var(--weerbaar-dilemma-cards-border-color, var(--_border-color));
    --_badge-background: var(--weerbaar-dilemma-cards-badge-background-color, #fff4ce);
    --_meta: var(--weerbaar-dilemma-cards-meta-color, var(--weerbaar-secondary-text-color, #4a4a4a));
    --_error: var(--weerbaar-error-color, #a4161a);
  }
  .filters,
  .actions,
  .stepper {
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
  select {
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
    background: var(--_badge-background);
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    font-size: 0.875rem;
    font-weight: 700;
  }
  .meta {
    color: var(--_meta);
    font-size: 0.875em;
  }
  .situation {
    white-space: pre-line;
  }
  .questions {
    margin-block: 0 var(--_space);
  }
  .decision {
    border-inline-start: 0.25rem solid var(--weerbaar-dilemma-cards-decision-border-color, var(--_card-border));
    padding-inline-start: var(--_space);
    margin-block-end: var(--_space);
  }
  .position {
    font-weight: 700;
  }
  .error {
    color: var(--_error);
    font-weight: 700;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--_focus-color);
  }
  @media print {
    .cards {
      display: block;
    }
    .cards > li {
      break-after: page;
    }
    .cards > li:last-child {
      break-after: auto;
    }
    .card {
      border: 0;
      padding: 0;
    }
  }
  @media (forced-colors: active) {
    .badge {
      forced-color-adjust: auto;
    }
  }
  .linked {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
`;
