import type { StringTables } from '../base/strings.js';

const nl = {
  statusHeading: 'Status',
  statusLabel: 'Nieuwe status',
  substatusLabel: 'Substatus',
  substatusNone: 'Geen',
  outcomeLabel: 'Uitkomst',
  outcomeRequired: 'Kies een uitkomst om af te sluiten.',
  statusNote: 'Interne notitie bij de wijziging (niet verplicht)',
  saveStatus: 'Status opslaan',
  saveSubstatus: 'Substatus opslaan',
  'status-received': 'Ontvangen',
  'status-acknowledged': 'Ontvangst bevestigd',
  'status-investigating': 'In onderzoek',
  'status-closed': 'Afgesloten',
  'outcome-measures-taken': 'Maatregelen genomen',
  'outcome-referred': 'Doorverwezen',
  'outcome-no-action-needed': 'Geen actie nodig',
  'outcome-insufficient-information': 'Te weinig informatie',
  'outcome-withdrawn': 'Ingetrokken',
};

/** The status, substatus and outcome: the case view's texts for it (`caseViewStrings` joins them). */
export const statusViewStrings: StringTables<keyof typeof nl> = {
  nl,
  en: {
    statusHeading: 'Status',
    statusLabel: 'New status',
    substatusLabel: 'Substatus',
    substatusNone: 'None',
    outcomeLabel: 'Outcome',
    outcomeRequired: 'Choose an outcome to close the report.',
    statusNote: 'Internal note with the change (optional)',
    saveStatus: 'Save status',
    saveSubstatus: 'Save substatus',
    'status-received': 'Received',
    'status-acknowledged': 'Receipt acknowledged',
    'status-investigating': 'Under investigation',
    'status-closed': 'Closed',
    'outcome-measures-taken': 'Measures taken',
    'outcome-referred': 'Referred',
    'outcome-no-action-needed': 'No action needed',
    'outcome-insufficient-information': 'Too little information',
    'outcome-withdrawn': 'Withdrawn',
  },
};
