import { css } from 'lit';

/** The support directory's own rules, after `cardListStyles` (base/card-list.styles.ts). */
export const supportDirectoryStyles = css`
  :host {
    --_card-background: var(--weerbaar-support-directory-background-color, transparent);
    --_card-border: var(--weerbaar-support-directory-border-color, var(--_border-color));
    --_emergency-background: var(--weerbaar-support-directory-emergency-background-color, var(--weerbaar-urgent-background-color, #fdecea));
    --_emergency-accent: var(--weerbaar-support-directory-emergency-accent-color, var(--weerbaar-urgent-accent-color, #a4161a));
    --_meta: var(--weerbaar-support-directory-meta-color, var(--weerbaar-secondary-text-color, #4a4a4a));
  }
  .emergency {
    margin-block-end: var(--_space);
    padding: var(--_space);
    background: var(--_emergency-background);
    border-inline-start: 0.5rem solid var(--_emergency-accent);
    border-radius: var(--_radius);
  }
  .emergency .card {
    border: 0;
    padding: 0;
    background: transparent;
  }
  .call {
    font-size: 1.25em;
    font-weight: 700;
  }
  .hint {
    margin: 0;
    color: var(--_meta);
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
  .urgency-emergency .badge {
    color: var(--_emergency-accent);
  }
  dl {
    display: grid;
    grid-template-columns: minmax(6rem, max-content) 1fr;
    gap: 0.25rem var(--_space);
    margin-block: 0 calc(var(--_space) / 2);
  }
  .detail {
    display: contents;
  }
  dt {
    font-weight: 700;
  }
  dd {
    margin: 0;
    min-inline-size: 0;
  }
  @media (max-width: 30rem) {
    dl {
      grid-template-columns: 1fr;
    }
    dd {
      margin-block-end: 0.25rem;
    }
  }
  @media (forced-colors: active) {
    .emergency {
      border: 1px solid CanvasText;
      border-inline-start: 0.5rem solid CanvasText;
    }
  }
`;
