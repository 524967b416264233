// Kinds of file are shown in words, never as media types.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportDialogStrings, type ReportDialogStringKey } from '../src/report-dialog/report-dialog.strings.js';
import { fileTypesInWords } from '../src/report-dialog/file-types.js';
import { format } from '../src/base/strings.js';

const textIn = (locale: 'nl' | 'en') => (key: ReportDialogStringKey, values?: Record<string, string | number>) => format(reportDialogStrings[locale][key], values ?? {});
const serverDefault = ['application/pdf', 'image/jpeg', 'image/png', 'text/plain'];

describe('kinds of file in words', () => {
  it('names the server default as "pdf, foto (jpg, png) of tekst" and in English "PDF, photo (JPG, PNG) or text"', () => {
    assert.equal(fileTypesInWords(serverDefault, 'nl', textIn('nl')), 'pdf, foto (jpg, png) of tekst');
    assert.equal(fileTypesInWords(serverDefault, 'en', textIn('en')), 'PDF, photo (JPG, PNG) or text');
  });

  it('names other kinds by their usual short name, never by media type', () => {
    const words = fileTypesInWords(['image/webp', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'], 'nl', textIn('nl'));
    assert.equal(words, 'foto (webp) of docx');
    assert.doesNotMatch(words, /\//);
  });
});
