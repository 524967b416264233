import type { StringTables } from '../base/strings.js';

const nl = {
  tasksHeading: 'Taken',
  tasksIntro: 'De stappen van het protocol voor deze melding. Vink een taak af als die klaar is.',
  tasksNone: 'Deze melding heeft geen taken.',
  taskOwner: 'Groep: {group}',
  taskDue: 'Klaar vóór {date}',
  taskDoneBy: 'Afgevinkt door {name} op {date}',
  taskReporterSees: 'De melder ziet deze stap.',
  taskLegalBasis: 'Wettelijke basis: {text}',
  taskSources: 'Bronnen',
  taskTicked: 'Afgevinkt: {title}.',
  taskReopened: 'Weer open: {title}.',
};

/** The case's tasks from the protocol: the case view's texts for them (`caseViewStrings` joins them). */
export const tasksViewStrings: StringTables<keyof typeof nl> = {
  nl,
  en: {
    tasksHeading: 'Tasks',
    tasksIntro: 'The steps of the protocol for this report. Tick a task off when it is done.',
    tasksNone: 'This report has no tasks.',
    taskOwner: 'Group: {group}',
    taskDue: 'Done by {date}',
    taskDoneBy: 'Ticked off by {name} on {date}',
    taskReporterSees: 'The reporter sees this step.',
    taskLegalBasis: 'Legal basis: {text}',
    taskSources: 'Sources',
    taskTicked: 'Ticked off: {title}.',
    taskReopened: 'Open again: {title}.',
  },
};
