import { css } from 'lit';

/** The dilemma cards' own rules, after `cardListStyles` (base/card-list.styles.ts). */
export const dilemmaCardsStyles = css`
  :host {
    --_card-background: var(--weerbaar-dilemma-cards-card-background-color, transparent);
    --_card-border: var(--weerbaar-dilemma-cards-border-color, var(--_border-color));
    --_badge-background: var(--weerbaar-dilemma-cards-badge-background-color, #fff4ce);
    --_meta: var(--weerbaar-dilemma-cards-meta-color, var(--weerbaar-secondary-text-color, #4a4a4a));
    --_error: var(--weerbaar-error-color, #a4161a);
  }
  .badge {
    background: var(--_badge-background);
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
