import { css } from 'lit';

export const normBannerStyles = css`
  :host {
    --_background: var(--weerbaar-norm-banner-background-color, var(--weerbaar-info-background-color, #eaf2fb));
    --_accent: var(--weerbaar-norm-banner-accent-color, var(--weerbaar-info-accent-color, #0b4a8f));
    --_urgent-background: var(--weerbaar-norm-banner-urgent-background-color, var(--weerbaar-urgent-background-color, #fdecea));
    --_urgent-accent: var(--weerbaar-norm-banner-urgent-accent-color, var(--weerbaar-urgent-accent-color, #a4161a));
    --_text: var(--weerbaar-norm-banner-color, inherit);
    /* Space reserved while content loads, so the page does not jump when it appears. */
    --_reserved: var(--weerbaar-norm-banner-min-block-size, 9rem);
  }
  .banner,
  .placeholder {
    min-block-size: var(--_reserved);
  }
  .banner {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: var(--_space);
    padding-block: var(--weerbaar-norm-banner-padding-block, var(--_space));
    padding-inline: var(--weerbaar-norm-banner-padding-inline, var(--_space));
    background: var(--_background);
    color: var(--_text);
    border-inline-start: var(--weerbaar-norm-banner-accent-width, 0.5rem) solid var(--_accent);
    border-radius: var(--_radius);
  }
  .banner.urgent {
    background: var(--_urgent-background);
    border-inline-start-color: var(--_urgent-accent);
  }
  .body {
    flex: 1 1 16rem;
    min-inline-size: 0;
  }
  .badge {
    display: inline-block;
    margin-block-end: 0.25rem;
    padding-inline: 0.5rem;
    border: 2px solid var(--_urgent-accent);
    border-radius: var(--_radius);
    color: var(--_urgent-accent);
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    font-size: 0.875rem;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2) var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  ::slotted(*) {
    margin-block-start: 0;
  }
  @media (forced-colors: active) {
    .banner {
      border: 1px solid CanvasText;
      border-inline-start: 0.5rem solid CanvasText;
    }
    .badge {
      border-color: CanvasText;
      color: CanvasText;
    }
  }
`;
