import type { StringTables } from '../base/strings.js';

/** The share form's texts; they load with the form, when someone opens it. */
export type DilemmaShareStringKey =
  | 'shareTitle'
  | 'shareIntro'
  | 'shareRole'
  | 'shareTheme'
  | 'chooseOne'
  | 'situation'
  | 'situationHint'
  | 'situationRequired'
  | 'tooLong'
  | 'whatIDid'
  | 'optional'
  | 'wantsReadCode'
  | 'wantsReadCodeHint'
  | 'send'
  | 'sending'
  | 'cancel'
  | 'errorSummaryTitle'
  | 'roleRequired'
  | 'themeRequired'
  | 'rejected'
  | 'rateLimited'
  | 'unavailable'
  | 'sentTitle'
  | 'sentText'
  | 'readCodeLabel'
  | 'keepReadCode'
  | 'readTitle'
  | 'readIntro'
  | 'readCodeField'
  | 'readButton'
  | 'readCodeRequired'
  | 'unknownReadCode'
  | 'readRateLimited'
  | 'waiting'
  | 'publishedIntro'
  | 'readAnswer'
  | 'done';

export const dilemmaShareStrings: StringTables<DilemmaShareStringKey> = {
  nl: {
    shareTitle: 'Deel een dilemma',
    shareIntro:
      'U deelt uw dilemma anoniem: wij vragen niet wie u bent. De integriteitscoördinator maakt er misschien een dilemmakaart van, in eigen woorden. Uw tekst zelf wordt nooit gepubliceerd en na een tijd gewist.',
    shareRole: 'Ik ben',
    shareTheme: 'Waar gaat het over?',
    chooseOne: 'Kies een antwoord',
    situation: 'Wat is de situatie?',
    situationHint: 'Noem geen namen. Beschrijf wat er gebeurde of wat u twijfel geeft.',
    situationRequired: 'Beschrijf de situatie.',
    tooLong: 'Gebruik hier ten hoogste {max} tekens.',
    whatIDid: 'Wat heeft u gedaan?',
    optional: '(niet verplicht)',
    wantsReadCode: 'Ik wil later kunnen lezen wat ermee gebeurt',
    wantsReadCodeHint: 'U krijgt dan een leescode. Daarmee leest u later of er een kaart van uw dilemma is gemaakt.',
    send: 'Verstuur het dilemma',
    sending: 'Het dilemma wordt verstuurd.',
    cancel: 'Terug naar de dilemma’s',
    errorSummaryTitle: 'Er is een probleem',
    roleRequired: 'Kies wie u bent.',
    themeRequired: 'Kies waar het over gaat.',
    rejected: 'Uw dilemma is niet verstuurd. Controleer uw antwoorden.',
    rateLimited: 'Er zijn net veel dilemma’s verstuurd. Uw dilemma is niet verstuurd. Wacht een paar minuten en probeer het dan opnieuw.',
    unavailable: 'Uw dilemma is niet verstuurd: er was geen verbinding. Probeer het opnieuw; het wordt maar één keer bewaard.',
    sentTitle: 'Dank u wel',
    sentText: 'Uw dilemma is ontvangen. Het helpt anderen om erover te praten.',
    readCodeLabel: 'Uw leescode',
    keepReadCode: 'Bewaar deze code. U ziet hem maar één keer, en wij kunnen hem niet opnieuw maken.',
    readTitle: 'Lees wat er met uw dilemma gebeurde',
    readIntro: 'Vul de leescode in die u kreeg toen u het dilemma verstuurde.',
    readCodeField: 'Leescode',
    readButton: 'Lees het antwoord',
    readCodeRequired: 'Vul uw leescode in.',
    unknownReadCode: 'Deze leescode kennen wij niet. Controleer de code.',
    readRateLimited: 'U heeft te vaak een leescode ingevuld die wij niet kennen. Wacht een paar minuten en probeer het dan opnieuw.',
    waiting: 'Er is nog geen kaart van uw dilemma gepubliceerd. Kijk later nog eens.',
    publishedIntro: 'Er is een kaart van uw dilemma gepubliceerd:',
    readAnswer: 'Lees het antwoord op een eerder dilemma',
    done: 'Klaar',
  },
  en: {
    shareTitle: 'Share a dilemma',
    shareIntro:
      'You share your dilemma anonymously: we do not ask who you are. The integrity coordinator may turn it into a dilemma card, in their own words. Your text itself is never published and is deleted after a while.',
    shareRole: 'I am',
    shareTheme: 'What is it about?',
    chooseOne: 'Choose one answer',
    situation: 'What is the situation?',
    situationHint: 'Do not name anyone. Describe what happened or what makes you doubt.',
    situationRequired: 'Describe the situation.',
    tooLong: 'Use at most {max} characters here.',
    whatIDid: 'What did you do?',
    optional: '(optional)',
    wantsReadCode: 'I want to read later what becomes of it',
    wantsReadCodeHint: 'You then get a read code. With it you can read later whether a card was made of your dilemma.',
    send: 'Send the dilemma',
    sending: 'Sending the dilemma.',
    cancel: 'Back to the dilemmas',
    errorSummaryTitle: 'There is a problem',
    roleRequired: 'Choose who you are.',
    themeRequired: 'Choose what it is about.',
    rejected: 'Your dilemma was not sent. Check your answers.',
    rateLimited: 'Many dilemmas were sent just now. Your dilemma was not sent. Wait a few minutes, then try again.',
    unavailable: 'Your dilemma was not sent: there was no connection. Try again; it is stored only once.',
    sentTitle: 'Thank you',
    sentText: 'Your dilemma was received. It helps others talk about it.',
    readCodeLabel: 'Your read code',
    keepReadCode: 'Keep this code. You see it only once, and we cannot make it again.',
    readTitle: 'Read what became of your dilemma',
    readIntro: 'Enter the read code you got when you sent the dilemma.',
    readCodeField: 'Read code',
    readButton: 'Read the answer',
    readCodeRequired: 'Enter your read code.',
    unknownReadCode: 'We do not know this read code. Check the code.',
    readRateLimited: 'You entered an unknown read code too often. Wait a few minutes, then try again.',
    waiting: 'No card of your dilemma has been published yet. Look again later.',
    publishedIntro: 'A card of your dilemma has been published:',
    readAnswer: 'Read the answer to an earlier dilemma',
    done: 'Done',
  },
};
