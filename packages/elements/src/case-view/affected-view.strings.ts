import type { StringTables } from '../base/strings.js';

const nl = {
  affectedHeading: 'Wie zijn getroffen',
  affectedIntro: 'Alleen de rol, nooit een naam. Bij een versleutelde melding legt u dit vast nadat u de melding heeft geopend.',
  affectedNone: 'Nog niet vastgelegd.',
  affectedLegend: 'Wie zijn bedreigd of benaderd?',
  affectedHint: 'Zijn de partner, de kinderen of andere familie getroffen? Dan komt er een taak bij voor steun aan hen.',
  affectedSave: 'Vastleggen',
  affectedSaved: 'Vastgelegd.',
  affectedSavedWithTasks: 'Vastgelegd. Er kwamen {count} taken bij.',
  affectedSavedWithTask: 'Vastgelegd. Er kwam 1 taak bij.',
  'affected-self': 'De melder zelf',
  'affected-partner': 'Partner',
  'affected-children': 'Kinderen',
  'affected-other-relatives': 'Andere familie of naasten',
  'affected-colleagues': 'Collega’s',
  'affected-others': 'Anderen',
};

/** The people a report affected, by role: the case view's texts for them (`caseViewStrings` joins them). */
export const affectedViewStrings: StringTables<keyof typeof nl> = {
  nl,
  en: {
    affectedHeading: 'Who is affected',
    affectedIntro: 'The role only, never a name. For a sealed report, record this after opening the report.',
    affectedNone: 'Not recorded yet.',
    affectedLegend: 'Who was threatened or approached?',
    affectedHint: 'Are the partner, the children or other family affected? Then a task to support them is added.',
    affectedSave: 'Record',
    affectedSaved: 'Recorded.',
    affectedSavedWithTasks: 'Recorded. {count} tasks were added.',
    affectedSavedWithTask: 'Recorded. 1 task was added.',
    'affected-self': 'The reporter',
    'affected-partner': 'Partner',
    'affected-children': 'Children',
    'affected-other-relatives': 'Other family or people close to them',
    'affected-colleagues': 'Colleagues',
    'affected-others': 'Others',
  },
};
