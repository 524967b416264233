import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';

/** What every control needs from the form around it. */
export interface FieldContext {
  /** The message to show at a field, when it has a problem. */
  errorFor(field: string): string | undefined;
  /** The word that marks a question as optional ("(niet verplicht)"). */
  optionalText: string;
}

export interface ChoiceOption {
  id: string;
  label: string;
  hint?: string | undefined;
}

// Every control carries `data-field`, which the error summary's links use to move focus to it.

/** The ids a control is described by: its hint and its error message (GOV.UK order). */
export function describedBy(context: FieldContext, field: string, hint: string | undefined): string | undefined {
  const ids = [hint ? `${field}-hint` : '', context.errorFor(field) ? `${field}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function fieldError(context: FieldContext, field: string): TemplateResult | typeof nothing {
  const message = context.errorFor(field);
  return message ? html`<p id="${field}-error" class="field-error">${message}</p>` : nothing;
}

function optionHint(field: string, option: ChoiceOption): TemplateResult | typeof nothing {
  return option.hint ? html`<p id="${field}-${option.id}-hint" class="hint">${option.hint}</p>` : nothing;
}

function group(context: FieldContext, field: string, legend: string, hint: string | undefined, controls: unknown): TemplateResult {
  const invalid = context.errorFor(field) !== undefined;
  return html`<fieldset class=${invalid ? 'invalid' : ''} aria-describedby=${ifDefined(describedBy(context, field, hint))}>
    <legend>${legend}</legend>
    ${hint ? html`<p id="${field}-hint" class="hint">${hint}</p>` : nothing} ${fieldError(context, field)} ${controls}
  </fieldset>`;
}

/** A group of native radio buttons; the first carries the group's `data-field`. */
export function radios(context: FieldContext, field: string, legend: string, options: readonly ChoiceOption[], value: string, onChange: (value: string) => void, hint?: string): TemplateResult {
  const buttons = options.map(
    (option, index) => html`<div class="option">
      <input
        type="radio"
        name=${field}
        id="${field}-${option.id}"
        data-field=${ifDefined(index === 0 ? field : undefined)}
        .value=${option.id}
        .checked=${live(value === option.id)}
        aria-describedby=${ifDefined(option.hint ? `${field}-${option.id}-hint` : undefined)}
        @change=${() => onChange(option.id)}
      />
      <label for="${field}-${option.id}">${option.label}</label>
      ${optionHint(field, option)}
    </div>`,
  );
  return group(context, field, legend, hint, buttons);
}

/** Native checkboxes, in a group with a legend (or bare when `legend` is empty). */
export function checkboxes(context: FieldContext, field: string, legend: string, options: readonly ChoiceOption[], chosen: readonly string[], onChange: (value: string[]) => void, hint?: string): TemplateResult {
  const boxes = options.map(
    (option, index) => html`<div class="option">
      <input
        type="checkbox"
        id="${field}-${option.id}"
        data-field=${ifDefined(index === 0 ? field : undefined)}
        .checked=${live(chosen.includes(option.id))}
        aria-describedby=${ifDefined(option.hint ? `${field}-${option.id}-hint` : undefined)}
        @change=${(event: Event) => {
          const checked = (event.target as HTMLInputElement).checked;
          onChange(checked ? [...chosen, option.id] : chosen.filter((id) => id !== option.id));
        }}
      />
      <label for="${field}-${option.id}">${option.label}</label>
      ${optionHint(field, option)}
    </div>`,
  );
  return legend ? group(context, field, legend, hint, boxes) : html`${boxes}`;
}

export interface TextFieldOptions {
  type?: string;
  multiline?: boolean;
  hint?: string | undefined;
  optional?: boolean;
  maxLength?: number | undefined;
  autocomplete?: string;
  /** For codes people read off paper, such as the receipt: capitals, no spelling suggestions. */
  autocapitalize?: 'characters';
  spellcheck?: false;
  max?: string;
  onInput: (value: string) => void;
}

/** A labelled text input or textarea with its hint and error message. */
export function textField(context: FieldContext, field: string, label: string, value: string, options: TextFieldOptions): TemplateResult {
  const { type = 'text', multiline = false, hint, optional = false, maxLength, autocomplete = 'off', autocapitalize, spellcheck, max, onInput } = options;
  const invalid = context.errorFor(field) !== undefined;
  const set = (event: Event) => onInput((event.target as HTMLInputElement | HTMLTextAreaElement).value);
  const described = describedBy(context, field, hint);
  return html`<div class="field ${invalid ? 'invalid' : ''}">
    <label for=${field}>${label}${optional ? html` <span class="optional">${context.optionalText}</span>` : nothing}</label>
    ${hint ? html`<p id="${field}-hint" class="hint">${hint}</p>` : nothing} ${fieldError(context, field)}
    ${multiline
      ? html`<textarea
          id=${field}
          data-field=${field}
          rows="5"
          maxlength=${ifDefined(maxLength)}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${ifDefined(described)}
          .value=${live(value)}
          @input=${set}
        ></textarea>`
      : html`<input
          id=${field}
          data-field=${field}
          type=${type}
          autocomplete=${autocomplete}
          autocapitalize=${ifDefined(autocapitalize)}
          spellcheck=${ifDefined(spellcheck === false ? 'false' : undefined)}
          maxlength=${ifDefined(maxLength)}
          max=${ifDefined(max)}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${ifDefined(described)}
          .value=${live(value)}
          @input=${set}
        />`}
  </div>`;
}
