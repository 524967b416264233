// RFC 9457 problems: every 4xx/5xx the server sends is one of these kinds, in Dutch or English,
// with `status`, `title` and `detail`, and for validation failures every invalid field at once.
// Details never echo request content, secrets or internals.
import type { Schema } from '@weerbaar/spec';

export type Language = 'nl' | 'en';

interface Text {
  title: string;
  detail: string;
}

interface Kind {
  status: number;
  nl: Text;
  en: Text;
}

const KINDS = {
  validation: {
    status: 400,
    nl: { title: 'De gegevens zijn niet volledig of niet juist', detail: 'Pas de velden in `errors` aan en probeer het opnieuw.' },
    en: { title: 'The request is incomplete or invalid', detail: 'Correct the fields listed in `errors` and try again.' },
  },
  'malformed-json': {
    status: 400,
    nl: { title: 'Ongeldige JSON', detail: 'De inhoud van het verzoek is geen geldige JSON.' },
    en: { title: 'Malformed JSON', detail: 'The request body is not valid JSON.' },
  },
  'bad-request': {
    status: 400,
    nl: { title: 'Ongeldig verzoek', detail: 'Het verzoek kan niet worden verwerkt zoals het is verstuurd.' },
    en: { title: 'Bad request', detail: 'The request cannot be processed as sent.' },
  },
  unauthorized: {
    status: 401,
    nl: { title: 'Niet gemachtigd', detail: 'De code of het token is onjuist of verlopen.' },
    en: { title: 'Not authorised', detail: 'The code or token is wrong or has expired.' },
  },
  forbidden: {
    status: 403,
    nl: { title: 'Niet toegestaan', detail: 'U mag dit niet doen, of u hebt geen toegang tot deze melding.' },
    en: { title: 'Forbidden', detail: 'You may not do this, or you have no access to this case.' },
  },
  'last-admin': {
    status: 409,
    nl: { title: 'Laatste beheerder', detail: 'Er moet altijd een actieve beheerder blijven, en u kunt uw eigen beheerrol niet afnemen of uzelf blokkeren.' },
    en: { title: 'Last admin', detail: 'There must always be an active admin, and you cannot take away your own admin role or suspend yourself.' },
  },
  'account-suspended': {
    status: 409,
    nl: { title: 'Account geblokkeerd', detail: 'Dit account is geblokkeerd. Zet het eerst weer actief.' },
    en: { title: 'Account suspended', detail: 'This account is suspended. Restore it first.' },
  },
  'account-exists': {
    status: 409,
    nl: { title: 'Account bestaat al', detail: 'Er is al een account met dit e-mailadres of deze inlognaam bij de identiteitsprovider.' },
    en: { title: 'Account exists', detail: 'An account with this e-mail address or identity provider subject exists already.' },
  },
  'group-in-use': {
    status: 409,
    nl: { title: 'Groep in gebruik', detail: 'Er horen nog meldingen bij deze groep, of de routering noemt haar. Draag de meldingen over en pas de routering aan.' },
    en: { title: 'Group in use', detail: 'Cases still belong to this group, or the routing names it. Transfer the cases and change the routing first.' },
  },
  excluded: {
    status: 409,
    nl: { title: 'Uitgesloten', detail: 'Deze persoon is uitgesloten van deze melding. Hef de uitsluiting eerst op.' },
    en: { title: 'Excluded', detail: 'This person is excluded from this case. Lift the exclusion first.' },
  },
  'not-a-handler': {
    status: 409,
    nl: { title: 'Geen behandelaar', detail: 'Deze persoon heeft geen actief account met de rol behandelaar.' },
    en: { title: 'Not a handler', detail: 'This person has no active account with the handler role.' },
  },
  'not-found': {
    status: 404,
    nl: { title: 'Niet gevonden', detail: 'Dit bestaat niet, of deze voorziening wordt hier niet aangeboden.' },
    en: { title: 'Not found', detail: 'This does not exist, or this capability is not offered here.' },
  },
  'method-not-allowed': {
    status: 405,
    nl: { title: 'Methode niet toegestaan', detail: 'Deze HTTP-methode kan hier niet worden gebruikt.' },
    en: { title: 'Method not allowed', detail: 'This HTTP method cannot be used here.' },
  },
  'idempotency-in-progress': {
    status: 409,
    nl: { title: 'Melding wordt nog verwerkt', detail: 'Een verzoek met deze Idempotency-Key wordt nog verwerkt. Probeer het zo opnieuw.' },
    en: { title: 'Still being processed', detail: 'A request with this Idempotency-Key is still being processed. Try again shortly.' },
  },
  'case-closed': {
    status: 409,
    nl: { title: 'Melding is afgesloten', detail: 'Deze melding is afgesloten; er kan niets meer aan worden toegevoegd.' },
    en: { title: 'Case closed', detail: 'This case is closed; nothing can be added to it.' },
  },
  'hand-over-incomplete': {
    status: 422,
    nl: { title: 'Overdracht niet volledig', detail: 'Vul de velden in `errors` aan: een overdracht aan het RIEC noemt haar wettelijke grondslag.' },
    en: { title: 'Hand-over incomplete', detail: 'Complete the fields listed in `errors`: a hand-over to the RIEC names its legal basis.' },
  },
  'unedited-submission': {
    status: 409,
    nl: { title: 'Kaart nog niet herschreven', detail: 'Deze kaart bevat nog de tekst van het gedeelde dilemma. Herschrijf de kaart voordat u haar publiceert.' },
    en: { title: 'Card not rewritten yet', detail: 'This card still holds the text of the shared dilemma. Rewrite the card before you publish it.' },
  },
  'check-in-not-open': {
    status: 409,
    nl: { title: 'Check-in niet open', detail: 'Deze check-in is nog niet open, al beantwoord of gestopt.' },
    en: { title: 'Check-in not open', detail: 'This check-in is not open yet, was answered already or was stopped.' },
  },
  'case-deleted': {
    status: 410,
    nl: { title: 'Melding verwijderd', detail: 'Deze melding is verwijderd omdat de bewaartermijn voorbij is. Alleen het logboek is bewaard.' },
    en: { title: 'Case deleted', detail: 'This case was deleted because its retention period ended. Only its audit trail is kept.' },
  },
  'invalid-transition': {
    status: 409,
    nl: { title: 'Statuswijziging niet mogelijk', detail: 'De melding kan niet van de huidige naar de gevraagde status.' },
    en: { title: 'Invalid status change', detail: 'The case cannot move from its current status to the requested one.' },
  },
  'stale-version': {
    status: 409,
    nl: { title: 'Er is een nieuwere versie', detail: 'Het verslag is intussen aangepast. Laad de nieuwste versie en probeer het opnieuw.' },
    en: { title: 'There is a newer version', detail: 'The minutes were changed in the meantime. Load the latest version and try again.' },
  },
  'minutes-answered': {
    status: 409,
    nl: { title: 'Deze versie is niet meer open', detail: 'Op deze versie van het verslag is al gereageerd, of er is een nieuwere. Lees de nieuwste versie.' },
    en: { title: 'This version is no longer open', detail: 'This version of the minutes was already answered, or there is a newer one. Read the latest version.' },
  },
  'request-timeout': {
    status: 408,
    nl: { title: 'Verzoek duurde te lang', detail: 'Het verzoek kwam niet op tijd binnen. Probeer het opnieuw.' },
    en: { title: 'Request timeout', detail: 'The request did not arrive in time. Try again.' },
  },
  'content-too-large': {
    status: 413,
    nl: { title: 'Te groot', detail: 'Het verzoek of het bestand is groter dan is toegestaan (zie de limieten in discovery).' },
    en: { title: 'Content too large', detail: 'The request or file is larger than allowed (see the limits in discovery).' },
  },
  'headers-too-large': {
    status: 431,
    nl: { title: 'Headers te groot', detail: 'De headers van het verzoek zijn groter dan is toegestaan.' },
    en: { title: 'Headers too large', detail: 'The request headers are larger than allowed.' },
  },
  'unsupported-media-type': {
    status: 415,
    nl: { title: 'Niet-ondersteund formaat', detail: 'Dit Content-Type of bestandstype wordt hier niet geaccepteerd.' },
    en: { title: 'Unsupported media type', detail: 'This Content-Type or file type is not accepted here.' },
  },
  'idempotency-key-reused': {
    status: 422,
    nl: { title: 'Idempotency-Key al gebruikt', detail: 'Deze Idempotency-Key hoort bij een andere melding. Gebruik een nieuwe sleutel.' },
    en: { title: 'Idempotency-Key already used', detail: 'This Idempotency-Key belongs to another report. Use a new key.' },
  },
  'unsupported-content-encoding': {
    status: 415,
    nl: { title: 'Niet-ondersteunde codering', detail: 'Stuur de inhoud zonder Content-Encoding (niet gecomprimeerd).' },
    en: { title: 'Unsupported content encoding', detail: 'Send the body without a Content-Encoding (not compressed).' },
  },
  'unknown-key': {
    status: 422,
    nl: { title: 'Onbekende sleutel', detail: 'De inhoud is versleuteld met een sleutel die hier niet (meer) geldt. Haal discovery opnieuw op.' },
    en: { title: 'Unknown key', detail: 'The content is sealed to a key that is not current here. Fetch discovery again.' },
  },
  'encryption-required': {
    status: 422,
    nl: { title: 'Versleuteling verplicht', detail: 'Deze organisatie accepteert alleen versleutelde inhoud.' },
    en: { title: 'Encryption required', detail: 'This organisation accepts sealed content only.' },
  },
  'media-type-mismatch': {
    status: 422,
    nl: { title: 'Bestand klopt niet met het type', detail: 'De inhoud van het bestand past niet bij het opgegeven bestandstype.' },
    en: { title: 'File does not match its type', detail: 'The file’s content does not match its declared media type.' },
  },
  'too-many-attachments': {
    status: 422,
    nl: { title: 'Te veel bestanden', detail: 'Deze melding heeft al het hoogste aantal bestanden.' },
    en: { title: 'Too many files', detail: 'This case already has the most files allowed.' },
  },
  'rate-limited': {
    status: 429,
    nl: { title: 'Te veel pogingen', detail: 'Wacht even en probeer het daarna opnieuw (zie Retry-After).' },
    en: { title: 'Too many attempts', detail: 'Wait a moment and try again (see Retry-After).' },
  },
  internal: {
    status: 500,
    nl: { title: 'Er ging iets mis', detail: 'Er ging bij ons iets mis. Er is niets opgeslagen; probeer het later opnieuw.' },
    en: { title: 'Something went wrong', detail: 'Something went wrong on our side. Nothing was stored; try again later.' },
  },
  unavailable: {
    status: 503,
    nl: { title: 'Tijdelijk niet beschikbaar', detail: 'De dienst kan het verzoek nu niet aannemen. Probeer het later opnieuw.' },
    en: { title: 'Temporarily unavailable', detail: 'The service cannot take the request now. Try again later.' },
  },
} satisfies Record<string, Kind>;

export type ProblemKind = keyof typeof KINDS;
export type FieldError = Schema<'FieldError'>;
export type Problem = Schema<'Problem'>;

/** Thrown anywhere in a request; the error handler turns it into the problem answer. */
export class ProblemError extends Error {
  readonly status: number;

  constructor(
    readonly kind: ProblemKind,
    readonly options: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(kind);
    this.status = KINDS[kind].status;
  }
}

export function problemLanguage(acceptLanguage: string | undefined): Language {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'nl';
}

export function problem(kind: ProblemKind, language: Language, requestId: string, errors?: FieldError[]): Problem {
  const text = KINDS[kind][language];
  return {
    type: `https://weerbaar.example/problems/${kind}`,
    title: text.title,
    status: KINDS[kind].status,
    detail: text.detail,
    instance: `urn:request:${requestId}`,
    code: kind,
    ...(errors && errors.length ? { errors: errors.slice(0, 200) } : {}),
  };
}

/** What a person reads about one invalid field, from the JSON Schema keyword that failed. */
export function fieldErrorText(code: string, params: Record<string, unknown>, language: Language): string {
  const limit = params.limit;
  const nl: Record<string, string> = {
    required: 'Dit veld is verplicht.',
    additionalProperties: 'Dit veld is onbekend en niet toegestaan.',
    maxLength: `Gebruik hier ten hoogste ${limit} tekens.`,
    minLength: limit === 1 ? 'Vul dit veld in.' : `Gebruik hier minstens ${limit} tekens.`,
    enum: 'Kies een van de toegestane waarden.',
    const: 'Deze waarde is hier niet toegestaan.',
    pattern: 'Deze waarde heeft niet de juiste vorm.',
    format: 'Deze waarde heeft niet de juiste vorm (bijvoorbeeld een datum als JJJJ-MM-DD).',
    type: 'Deze waarde heeft het verkeerde type.',
    maxItems: `Geef hier ten hoogste ${limit} items.`,
    minItems: `Geef hier minstens ${limit} items.`,
    maxProperties: `Geef hier ten hoogste ${limit} antwoorden.`,
    uniqueItems: 'Elke waarde mag maar één keer voorkomen.',
    minimum: `De waarde moet minstens ${limit} zijn.`,
    maximum: `De waarde mag hoogstens ${limit} zijn.`,
    oneOf: 'Geef precies één van de mogelijke vormen.',
    anyOf: 'Geef ten minste één van de mogelijke velden (bijvoorbeeld e-mail of telefoon).',
    propertyNames: 'Deze naam is niet toegestaan.',
    if: 'Vul ook het bijbehorende veld in.',
    body: 'De inhoud van het verzoek ontbreekt.',
    'unknown-question': 'Deze vraag staat niet op het meldformulier (voor deze soort melding).',
    'unknown-option': 'Dit antwoord is niet een van de keuzes bij deze vraag.',
    'unknown-signal': 'Dit signaal staat niet op de lijst met signalen.',
  };
  const en: Record<string, string> = {
    required: 'This field is required.',
    additionalProperties: 'This field is unknown and not allowed.',
    maxLength: `Use at most ${limit} characters here.`,
    minLength: limit === 1 ? 'Fill in this field.' : `Use at least ${limit} characters here.`,
    enum: 'Choose one of the allowed values.',
    const: 'This value is not allowed here.',
    pattern: 'This value does not have the right form.',
    format: 'This value does not have the right form (for example a date as YYYY-MM-DD).',
    type: 'This value has the wrong type.',
    maxItems: `Give at most ${limit} items here.`,
    minItems: `Give at least ${limit} items here.`,
    maxProperties: `Give at most ${limit} answers here.`,
    uniqueItems: 'Each value may appear only once.',
    minimum: `The value must be at least ${limit}.`,
    maximum: `The value must be at most ${limit}.`,
    oneOf: 'Give exactly one of the possible forms.',
    anyOf: 'Give at least one of the possible fields (for example email or phone).',
    propertyNames: 'This name is not allowed.',
    if: 'Also fill in the field that goes with it.',
    body: 'The request body is missing.',
    'unknown-question': 'This question is not on the report form (for this kind of report).',
    'unknown-option': 'This answer is not one of the choices of this question.',
    'unknown-signal': 'This signal is not on the signal checklist.',
  };
  const texts = language === 'en' ? en : nl;
  return texts[code] ?? (language === 'en' ? 'This value is not valid.' : 'Deze waarde is niet geldig.');
}

/** A FieldError for the API from a validation issue. */
export function fieldError(pointer: string, code: string, params: Record<string, unknown>, language: Language): FieldError {
  return { pointer: pointer.slice(0, 300), detail: fieldErrorText(code, params, language), code: /^[a-z][a-zA-Z0-9-]*$/.test(code) ? code : 'invalid' };
}
