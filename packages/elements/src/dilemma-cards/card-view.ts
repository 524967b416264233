import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { DilemmaCard, DilemmaCardCollection, DilemmaTheme, ReporterRole } from '@weerbaar/sdk/dilemmas';
import { safeHref } from '../base/safe-url.js';
import { matchesShape, type Shape } from '../base/shape.js';
import type { DilemmaCardsStringKey } from './dilemma-cards.strings.js';

export const roles: readonly ReporterRole[] = ['civil-servant', 'administrator', 'council-member', 'other'];
export const themes: readonly DilemmaTheme[] = ['threats', 'gifts-and-hospitality', 'side-jobs', 'information-requests', 'permit-pressure', 'other'];

// What the cards read from a DilemmaCardCollection (see base/shape.ts): a hostile or broken backend gives the error state.
const cardShape: Shape = {
  cardId: 's',
  draftForReview: 'b',
  'sources?': [{ title: 's', url: 's' }],
  text: { roles: ['s'], theme: 's', title: 's', situation: 's', questions: ['s'], 'decision?': 's' },
};
const collectionShape: Shape = { items: [cardShape] };

export const isCardCollection = (value: unknown): value is DilemmaCardCollection => matchesShape(value, collectionShape);
export const isCardList = (value: unknown): value is DilemmaCard[] => matchesShape(value, [cardShape]);

export interface CardFilters {
  role?: ReporterRole;
  theme?: DilemmaTheme;
  /** The themes a link to the cards carried (from the signal checklist's advice), until the person changes or clears them. */
  linked?: readonly DilemmaTheme[];
}

/** The cards for a role and a theme (or the linked themes); a card written for several roles shows for each of them. */
export function filterCards(cards: readonly DilemmaCard[], { role, theme, linked }: CardFilters): DilemmaCard[] {
  return cards.filter((card) => (!role || card.text.roles.includes(role)) && (!theme || card.text.theme === theme) && (!linked || linked.includes(card.text.theme)));
}

/**
 * The known themes a page address's fragment carries (`#dilemmas=threats,side-jobs`, as the signal
 * checklist links); none for any other fragment. Only theme ids travel this way, nothing personal.
 */
export function linkedThemes(hash: string): DilemmaTheme[] {
  const listed = /^#dilemmas=([a-z,-]+)$/.exec(hash)?.[1]?.split(',') ?? [];
  return themes.filter((theme) => listed.includes(theme));
}

/** What a card needs from the element that shows it. */
export interface CardContext {
  text(key: DilemmaCardsStringKey, values?: Record<string, string | number>): string;
  /** The level of the element's top heading. */
  headingLevel: number;
}

/** A heading at the element's level plus `depth`, as ARIA so any level (1–6) needs no dynamic tag. */
export function heading(context: CardContext, depth: number, content: unknown, options: { id?: string; focusable?: boolean; describedBy?: string } = {}): TemplateResult {
  const level = Math.min(6, Math.max(1, Math.trunc(context.headingLevel || 2) + depth));
  return html`<div role="heading" aria-level=${level} part=${depth === 0 ? 'heading' : 'subheading'} id=${ifDefined(options.id)} tabindex=${ifDefined(options.focusable ? '-1' : undefined)} aria-describedby=${ifDefined(options.describedBy)} class="heading heading-${depth}">${content}</div>`;
}

/**
 * One card: badge, title, situation, the questions under "what would you do?", the sources and —
 * when `decision` says so — what was decided. `decision: 'hidden'` leaves it out (the
 * presentation view reveals it on request).
 */
export function renderCard(context: CardContext, card: DilemmaCard, depth: number, { decision = 'shown', headingId }: { decision?: 'shown' | 'hidden'; headingId?: string } = {}): TemplateResult {
  const { text } = card;
  return html`<article class="card" part="card" aria-labelledby=${ifDefined(headingId)}>
    ${card.draftForReview ? html`<p><span class="badge" part="badge">${context.text('draftBadge')}</span></p>` : nothing}
    ${heading(context, depth, text.title, { id: headingId, focusable: !!headingId })}
    <p class="meta">${context.text('forRoles', { roles: text.roles.map((role) => (roles.includes(role) ? context.text(`role-${role}`) : role)).join(', ') })} · ${themes.includes(text.theme) ? context.text(`theme-${text.theme}`) : text.theme}</p>
    <p class="situation">${text.situation}</p>
    ${heading(context, depth + 1, context.text('whatWouldYouDo'))}
    <ul class="questions">
      ${text.questions.map((question) => html`<li>${question}</li>`)}
    </ul>
    ${text.decision && decision === 'shown' ? renderDecision(context, text.decision, depth + 1) : nothing}
    ${card.sources?.length ? renderSources(context, card, depth + 1) : nothing}
  </article>`;
}

export function renderDecision(context: CardContext, decision: string, depth: number): TemplateResult {
  return html`<section class="decision" part="decision">${heading(context, depth, context.text('decisionHeading'))}<p>${decision}</p></section>`;
}

function renderSources(context: CardContext, card: DilemmaCard, depth: number): TemplateResult {
  return html`<section class="sources" part="sources">
    ${heading(context, depth, context.text('sources'))}
    <ul>
      ${card.sources!.map((source) => {
        // Only https (and http on localhost) become links: a hostile backend's `javascript:` stays text.
        const href = safeHref(source.url);
        return html`<li>${href ? html`<a href=${href}>${source.title}</a>` : source.title}</li>`;
      })}
    </ul>
  </section>`;
}
