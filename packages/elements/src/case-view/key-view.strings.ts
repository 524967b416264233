import type { StringTables } from '../base/strings.js';

const nl = {
  keyHeading: 'Versleutelde melding openen',
  keyIntro: 'Deze melding is versleuteld. Alleen de sleutel van de organisatie opent haar, op dit apparaat. De sleutel gaat nergens heen en is weg als u zich afmeldt.',
  keyFile: 'Sleutelbestand (JSON)',
  keyFileHint: 'Het bestand met de privésleutel van de organisatie.',
  keyOpen: 'Melding openen',
  keyMissing: 'Kies het sleutelbestand.',
  keyNotAKey: 'Dit bestand is geen sleutel van de organisatie.',
  keyWrong: 'Met deze sleutel gaat de melding niet open. Kies de sleutel die bij deze melding hoort.',
  sealed: 'Versleuteld: open de melding met de sleutel.',
  keyPasskeyIntro: 'Uw passkey bewaart de sleutel van de organisatie. Gebruik hem om de melding op dit apparaat te openen.',
  keyPasskey: 'Openen met uw passkey',
  keyOrFile: 'Of kies het sleutelbestand.',
  keyPasskeyFailed: 'Met uw passkey ging de sleutel niet open. Kies het sleutelbestand.',
  keyPasskeyOld: 'Uw passkey bewaart een oudere sleutel. Kies het sleutelbestand en bewaar de sleutel opnieuw bij uw passkey.',
  keyStoreHeading: 'Sleutel bewaren bij uw passkey',
  keyStoreIntro: 'Dan opent uw passkey voortaan de versleutelde meldingen en heeft u het sleutelbestand niet meer nodig. De server krijgt de sleutel alleen versleuteld: alleen uw passkey maakt hem open.',
  keyStore: 'Bewaren bij mijn passkey',
  keyStored: 'De sleutel is bewaard bij uw passkey.',
  keyStoreFailed: 'Het bewaren is niet gelukt. Misschien kan uw passkey dit niet.',
};

/** Opening a sealed report: the key file, the passkey that keeps the key: the case view's texts for it (`caseViewStrings` joins them). */
export const keyViewStrings: StringTables<keyof typeof nl> = {
  nl,
  en: {
    keyHeading: 'Open a sealed report',
    keyIntro: "This report is sealed. Only the organisation's key opens it, on this device. The key goes nowhere and is gone when you sign out.",
    keyFile: 'Key file (JSON)',
    keyFileHint: "The file with the organisation's private key.",
    keyOpen: 'Open the report',
    keyMissing: 'Choose the key file.',
    keyNotAKey: "This file is not the organisation's key.",
    keyWrong: 'This key does not open the report. Choose the key that belongs to it.',
    sealed: 'Sealed: open the report with the key.',
    keyPasskeyIntro: "Your passkey keeps the organisation's key. Use it to open the report on this device.",
    keyPasskey: 'Open with your passkey',
    keyOrFile: 'Or choose the key file.',
    keyPasskeyFailed: 'Your passkey did not open the key. Choose the key file.',
    keyPasskeyOld: 'Your passkey keeps an older key. Choose the key file and keep the key with your passkey again.',
    keyStoreHeading: 'Keep the key with your passkey',
    keyStoreIntro: 'Your passkey then opens sealed reports from now on, and you no longer need the key file. The server only gets the key sealed: only your passkey opens it.',
    keyStore: 'Keep with my passkey',
    keyStored: 'The key is kept with your passkey.',
    keyStoreFailed: 'That did not work. Your passkey may not be able to do this.',
  },
};
