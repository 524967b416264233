import type { SupportedLocale } from '../base/locale.js';
import type { ReportDialogStringKey } from './report-dialog.strings.js';

type Text = (key: ReportDialogStringKey, values?: Record<string, string | number>) => string;

// The usual names of the kinds of file a backend may accept; any other shows its subtype ("webp").
const knownNames: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/heic': 'heic', 'application/msword': 'doc', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx' };

const nameOf = (mediaType: string) => knownNames[mediaType] ?? mediaType.split('/')[1]?.replace(/^(x-|vnd\.)/, '') ?? mediaType;

/**
 * The kinds of file a backend accepts, in words people use instead of media types:
 * "pdf, foto (jpg, png) of tekst" rather than "application/pdf, image/jpeg, image/png, text/plain".
 * Photos are one item with their formats, in the place of the first.
 */
export function fileTypesInWords(mediaTypes: readonly string[], locale: SupportedLocale, t: Text): string {
  const upper = locale === 'en';
  const photos = mediaTypes.filter((type) => type.startsWith('image/')).map((type) => (upper ? nameOf(type).toUpperCase() : nameOf(type)));
  const items: string[] = [];
  for (const type of mediaTypes) {
    if (type.startsWith('image/')) {
      if (!items.includes('photos')) items.push('photos');
    } else items.push(type === 'application/pdf' ? t('fileTypePdf') : type === 'text/plain' ? t('fileTypeText') : upper ? nameOf(type).toUpperCase() : nameOf(type));
  }
  const words = items.map((item) => (item === 'photos' ? t('fileTypePhoto', { types: photos.join(', ') }) : item));
  return new Intl.ListFormat(locale === 'en' ? 'en-GB' : 'nl', { type: 'disjunction' }).format(words);
}
