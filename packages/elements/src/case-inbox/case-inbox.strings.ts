import type { StringTables } from '../base/strings.js';

export type CaseInboxStringKey =
  | 'title'
  | 'signInHeading'
  | 'signInIntro'
  | 'signInButton'
  | 'oidcButton'
  | 'signingIn'
  | 'signInFailed'
  | 'signInRateLimited'
  | 'noPasskeySupport'
  | 'noSignIn'
  | 'backendError'
  | 'enrolHeading'
  | 'enrolIntro'
  | 'passkeyName'
  | 'passkeyNameHint'
  | 'enrolButton'
  | 'enrolling'
  | 'enrolFailed'
  | 'lockedIdle'
  | 'signedOut'
  | 'sessionEnded'
  | 'signedInAs'
  | 'signOut'
  | 'filtersLabel'
  | 'status'
  | 'statusAll'
  | 'status-received'
  | 'status-acknowledged'
  | 'status-investigating'
  | 'status-closed'
  | 'category'
  | 'categoryAll'
  | 'category-threat-intimidation'
  | 'category-bribery'
  | 'category-infiltration'
  | 'category-undue-pressure'
  | 'category-other'
  | 'role'
  | 'roleAll'
  | 'role-civil-servant'
  | 'role-administrator'
  | 'role-council-member'
  | 'role-other'
  | 'withCount'
  | 'assignedToMe'
  | 'overdueOnly'
  | 'overdueTasks'
  | 'overdueTasksOne'
  | 'listHeading'
  | 'loading'
  | 'loadError'
  | 'retry'
  | 'empty'
  | 'shownCount'
  | 'shownCountOne'
  | 'moreAvailable'
  | 'showMore'
  | 'reference'
  | 'received'
  | 'deadline-acknowledge'
  | 'deadline-feedback'
  | 'noOpenDeadline'
  | 'daysLeft'
  | 'daysLeftOne'
  | 'dueToday'
  | 'overdue'
  | 'dueOn'
  | 'encrypted'
  | 'unreadMessages'
  | 'unreadMessagesOne'
  | 'caseOverdueTasks'
  | 'caseOverdueTasksOne'
  | 'assignedToYou'
  | 'backToList'
  | 'intakeButton'
  | 'caseHeading'
  | 'caseLoading'
  | 'caseSummaryOnly'
  | 'navLabel'
  | 'navInbox'
  | 'navStatistics'
  | 'navAccounts'
  | 'navDilemmas'
  | 'pageLoadError'
  | 'statisticsHeading'
  | 'statisticsIntro'
  | 'period'
  | 'periodYear'
  | 'periodQuarter'
  | 'statisticsLoading'
  | 'statisticsError'
  | 'statisticsPeriod'
  | 'receivedTotal'
  | 'byCategoryCaption'
  | 'byRoleCaption'
  | 'count'
  | 'chart'
  | 'suppressed'
  | 'clocksCaption'
  | 'clock'
  | 'clockCases'
  | 'medianDays'
  | 'p90Days'
  | 'withinDeadline'
  | 'accountsHeading'
  | 'accountsIntro'
  | 'inviteHeading'
  | 'inviteName'
  | 'inviteRole'
  | 'inviteButton'
  | 'inviteNameMissing'
  | 'invited'
  | 'invitationLink'
  | 'copy'
  | 'copied'
  | 'accountsCaption'
  | 'accountName'
  | 'accountRole'
  | 'accountState'
  | 'accountActions'
  | 'accountActive'
  | 'accountInvited'
  | 'accountRevoked'
  | 'roleFor'
  | 'revoke'
  | 'revokeFor'
  | 'roleChanged'
  | 'revoked'
  | 'accountsLoading'
  | 'accountsError'
  | 'accountRole-handler'
  | 'accountRole-admin'
  | 'accountRole-auditor'
  | 'drillHeading'
  | 'drillIntro'
  | 'drillButton'
  | 'drillRunning'
  | 'drillPassed'
  | 'drillFailed'
  | 'drillStep'
  | 'drillResult-ok'
  | 'drillResult-warning'
  | 'drillResult-unreachable'
  | 'drillFinding-unknown-group'
  | 'drillFinding-no-handler'
  | 'drillFinding-no-notice-address'
  | 'drillFinding-due-before-previous'
  | 'drillFinding-no-office-hours-before-due';

export const caseInboxStrings: StringTables<CaseInboxStringKey> = {
  nl: {
    title: 'Meldingen behandelen',
    signInHeading: 'Inloggen',
    signInIntro: 'Log in met de passkey op dit apparaat, bijvoorbeeld met uw vingerafdruk, uw gezicht of een pincode.',
    signInButton: 'Inloggen met passkey',
    oidcButton: 'Inloggen met {provider}',
    signingIn: 'Bezig met inloggen…',
    signInFailed: 'Inloggen is niet gelukt. Probeer het opnieuw. Lukt het niet? Vraag wie u uitnodigde om een nieuwe uitnodiging.',
    signInRateLimited: 'Er is te vaak geprobeerd in te loggen. Wacht een kwartier en probeer het dan opnieuw.',
    noPasskeySupport: 'Deze browser kan geen passkeys gebruiken. Gebruik een recente versie van Chrome, Edge, Firefox of Safari.',
    noSignIn: 'Bij dit meldpunt kunt u niet inloggen in de browser.',
    backendError: 'Het meldpunt is nu niet bereikbaar. Probeer het later opnieuw.',
    enrolHeading: 'Welkom: maak uw passkey',
    enrolIntro: 'U bent uitgenodigd om meldingen te behandelen. Maak een passkey op dit apparaat. Daarmee logt u voortaan in. De uitnodiging werkt één keer.',
    passkeyName: 'Naam van dit apparaat (niet verplicht)',
    passkeyNameHint: 'Bijvoorbeeld: werklaptop. Zo herkent u de passkey later.',
    enrolButton: 'Passkey maken',
    enrolling: 'Bezig met de passkey…',
    enrolFailed: 'De passkey is niet gemaakt. De uitnodiging is misschien verlopen of al gebruikt. Vraag wie u uitnodigde om een nieuwe uitnodiging.',
    lockedIdle: 'U bent afgemeld omdat u {minutes} minuten niets deed. Log opnieuw in.',
    signedOut: 'U bent afgemeld. Wat u zag, is gewist.',
    sessionEnded: 'Uw sessie is afgelopen. Log opnieuw in.',
    signedInAs: 'Ingelogd als {name}',
    signOut: 'Afmelden',
    filtersLabel: 'Filter de meldingen',
    status: 'Status',
    statusAll: 'Alle statussen',
    'status-received': 'Ontvangen',
    'status-acknowledged': 'Ontvangst bevestigd',
    'status-investigating': 'In onderzoek',
    'status-closed': 'Afgesloten',
    category: 'Soort melding',
    categoryAll: 'Alle soorten',
    'category-threat-intimidation': 'Bedreiging of intimidatie',
    'category-bribery': 'Omkoping',
    'category-infiltration': 'Infiltratie',
    'category-undue-pressure': 'Ongewenste druk',
    'category-other': 'Iets anders',
    role: 'Rol van de melder',
    roleAll: 'Alle rollen',
    'role-civil-servant': 'Ambtenaar',
    'role-administrator': 'Bestuurder',
    'role-council-member': 'Raadslid',
    'role-other': 'Anders',
    withCount: '{label} ({count})',
    assignedToMe: 'Alleen aan mij toegewezen',
    overdueOnly: 'Alleen te laat',
    overdueTasks: '{count} open taken zijn te laat.',
    overdueTasksOne: '1 open taak is te laat.',
    listHeading: 'Meldingen',
    loading: 'De meldingen worden geladen…',
    loadError: 'De meldingen konden niet worden geladen.',
    retry: 'Opnieuw proberen',
    empty: 'Er zijn geen meldingen die bij deze filters passen.',
    shownCount: '{count} meldingen getoond',
    shownCountOne: '1 melding getoond',
    moreAvailable: 'er zijn er meer',
    showMore: 'Toon meer meldingen',
    reference: 'Melding',
    received: 'Ontvangen',
    'deadline-acknowledge': 'Ontvangst bevestigen',
    'deadline-feedback': 'Terugkoppeling geven',
    noOpenDeadline: 'Geen termijn meer open',
    daysLeft: 'nog {count} dagen',
    daysLeftOne: 'nog 1 dag',
    dueToday: 'vandaag',
    overdue: 'te laat',
    dueOn: 'uiterlijk {date}',
    encrypted: 'Versleuteld',
    unreadMessages: '{count} nieuwe berichten',
    unreadMessagesOne: '1 nieuw bericht',
    caseOverdueTasks: '{count} taken te laat',
    caseOverdueTasksOne: '1 taak te laat',
    assignedToYou: 'Aan u toegewezen',
    backToList: 'Terug naar de meldingen',
    intakeButton: 'Mondelinge melding vastleggen',
    caseHeading: 'Melding {reference}',
    caseLoading: 'De melding wordt geopend…',
    caseSummaryOnly: 'De melding kon niet worden geopend. Hier ziet u de gegevens uit de lijst. Probeer het later opnieuw.',
    navLabel: 'Onderdelen van de console',
    navInbox: 'Meldingen',
    navStatistics: 'Statistiek',
    navAccounts: 'Accounts',
    navDilemmas: "Dilemma's",
    pageLoadError: 'Dit onderdeel kon niet worden geladen. Probeer het opnieuw.',
    statisticsHeading: 'Statistiek',
    statisticsIntro: 'Aantallen van de meldingen die in een periode binnenkwamen, voor het jaarverslag. Kleine aantallen laten we niet zien, zodat niemand te herkennen is.',
    period: 'Periode',
    periodYear: 'Heel {year}',
    periodQuarter: 'Kwartaal {quarter} van {year}',
    statisticsLoading: 'De statistiek wordt geladen…',
    statisticsError: 'De statistiek kon niet worden geladen.',
    statisticsPeriod: 'Van {start} tot en met {end}. Aantallen onder {minimum} laten we niet zien.',
    receivedTotal: 'Ontvangen meldingen: {count}',
    byCategoryCaption: 'Ontvangen meldingen per soort',
    byRoleCaption: 'Ontvangen meldingen per functie van de melder',
    count: 'Aantal',
    chart: 'Grafiek',
    suppressed: 'minder dan {minimum}',
    clocksCaption: 'Wettelijke termijnen',
    clock: 'Termijn',
    clockCases: 'Meldingen',
    medianDays: 'Mediaan (dagen)',
    p90Days: '90% binnen (dagen)',
    withinDeadline: 'Op tijd',
    accountsHeading: 'Accounts',
    accountsIntro: 'Nodig collega’s uit, geef ze een rol of trek hun account in.',
    inviteHeading: 'Collega uitnodigen',
    inviteName: 'Naam',
    inviteRole: 'Rol',
    inviteButton: 'Uitnodigen',
    inviteNameMissing: 'Vul de naam van uw collega in.',
    invited: '{name} is uitgenodigd. Kopieer de link nu en stuur hem veilig door: u ziet hem maar één keer. De link werkt 24 uur.',
    invitationLink: 'Uitnodigingslink',
    copy: 'Kopiëren',
    copied: 'Gekopieerd.',
    accountsCaption: 'Alle accounts',
    accountName: 'Naam',
    accountRole: 'Rol',
    accountState: 'Status',
    accountActions: 'Actie',
    accountActive: 'Actief',
    accountInvited: 'Uitnodiging nog niet gebruikt',
    accountRevoked: 'Ingetrokken',
    roleFor: 'Rol van {name}',
    revoke: 'Intrekken',
    revokeFor: 'Account van {name} intrekken',
    roleChanged: 'De rol van {name} is gewijzigd.',
    revoked: 'Het account van {name} is ingetrokken.',
    accountsLoading: 'De accounts worden geladen…',
    accountsError: 'Dat is niet gelukt. Probeer het opnieuw.',
    'accountRole-handler': 'Behandelaar',
    'accountRole-admin': 'Beheerder',
    'accountRole-auditor': 'Controleur',
    drillHeading: 'Protocoloefening',
    drillIntro: 'Test met een verzonnen melding of elke stap van de protocollen iemand heeft die de taak kan oppakken. Er wordt niets opgeslagen.',
    drillButton: 'Oefening starten',
    drillRunning: 'De oefening loopt…',
    drillPassed: 'Geslaagd: elke stap heeft iemand die de taak kan oppakken. {steps} stappen, {warnings} met een aandachtspunt.',
    drillFailed: 'Niet geslaagd: {unreachable} van de {steps} stappen hebben niemand die de taak kan oppakken.',
    drillStep: '{title} (groep {group}, {count} behandelaars): {result}',
    'drillResult-ok': 'in orde',
    'drillResult-warning': 'let op',
    'drillResult-unreachable': 'niemand bereikbaar',
    'drillFinding-unknown-group': 'Deze groep bestaat niet.',
    'drillFinding-no-handler': 'Niemand in deze groep is actief behandelaar.',
    'drillFinding-no-notice-address': 'Geen e-mailadres voor berichten over deze taak.',
    'drillFinding-due-before-previous': 'De termijn ligt vóór die van de stap ervoor.',
    'drillFinding-no-office-hours-before-due': 'Geen kantooruren tussen de melding en de termijn.',
  },
  en: {
    title: 'Handle reports',
    signInHeading: 'Sign in',
    signInIntro: 'Sign in with the passkey on this device, for example with your fingerprint, your face or a PIN.',
    signInButton: 'Sign in with a passkey',
    oidcButton: 'Sign in with {provider}',
    signingIn: 'Signing in…',
    signInFailed: 'Signing in did not work. Please try again. Still not working? Ask the person who invited you for a new invitation.',
    signInRateLimited: 'There were too many attempts to sign in. Wait a quarter of an hour and try again.',
    noPasskeySupport: 'This browser cannot use passkeys. Use a recent version of Chrome, Edge, Firefox or Safari.',
    noSignIn: 'This reporting point does not offer signing in through the browser.',
    backendError: 'The reporting point cannot be reached right now. Please try again later.',
    enrolHeading: 'Welcome: create your passkey',
    enrolIntro: 'You have been invited to handle reports. Create a passkey on this device; you will sign in with it from now on. The invitation works once.',
    passkeyName: 'Name of this device (optional)',
    passkeyNameHint: 'For example: work laptop. This helps you recognise the passkey later.',
    enrolButton: 'Create passkey',
    enrolling: 'Creating the passkey…',
    enrolFailed: 'The passkey was not created. The invitation may have expired or been used already. Ask the person who invited you for a new invitation.',
    lockedIdle: 'You were signed out because you did nothing for {minutes} minutes. Please sign in again.',
    signedOut: 'You are signed out. What you saw has been wiped.',
    sessionEnded: 'Your session has ended. Please sign in again.',
    signedInAs: 'Signed in as {name}',
    signOut: 'Sign out',
    filtersLabel: 'Filter the reports',
    status: 'Status',
    statusAll: 'All statuses',
    'status-received': 'Received',
    'status-acknowledged': 'Receipt acknowledged',
    'status-investigating': 'Being investigated',
    'status-closed': 'Closed',
    category: 'Kind of report',
    categoryAll: 'All kinds',
    'category-threat-intimidation': 'Threats or intimidation',
    'category-bribery': 'Bribery',
    'category-infiltration': 'Infiltration',
    'category-undue-pressure': 'Undue pressure',
    'category-other': 'Something else',
    role: "Reporter's role",
    roleAll: 'All roles',
    'role-civil-servant': 'Civil servant',
    'role-administrator': 'Mayor or alderman',
    'role-council-member': 'Council member',
    'role-other': 'Other',
    withCount: '{label} ({count})',
    assignedToMe: 'Only assigned to me',
    overdueOnly: 'Only overdue',
    overdueTasks: '{count} open tasks are overdue.',
    overdueTasksOne: '1 open task is overdue.',
    listHeading: 'Reports',
    loading: 'Loading the reports…',
    loadError: 'The reports could not be loaded.',
    retry: 'Try again',
    empty: 'No reports match these filters.',
    shownCount: '{count} reports shown',
    shownCountOne: '1 report shown',
    moreAvailable: 'there are more',
    showMore: 'Show more reports',
    reference: 'Report',
    received: 'Received',
    'deadline-acknowledge': 'Acknowledge receipt',
    'deadline-feedback': 'Give feedback',
    noOpenDeadline: 'No deadline open',
    daysLeft: '{count} days left',
    daysLeftOne: '1 day left',
    dueToday: 'today',
    overdue: 'overdue',
    dueOn: 'by {date}',
    encrypted: 'Encrypted',
    unreadMessages: '{count} new messages',
    unreadMessagesOne: '1 new message',
    caseOverdueTasks: '{count} tasks overdue',
    caseOverdueTasksOne: '1 task overdue',
    assignedToYou: 'Assigned to you',
    backToList: 'Back to the reports',
    intakeButton: 'Record an oral report',
    caseHeading: 'Report {reference}',
    caseLoading: 'Opening the report…',
    caseSummaryOnly: 'The report could not be opened. This shows the details from the list. Please try again later.',
    navLabel: 'Parts of the console',
    navInbox: 'Reports',
    navStatistics: 'Statistics',
    navAccounts: 'Accounts',
    navDilemmas: 'Dilemmas',
    pageLoadError: 'This part could not be loaded. Please try again.',
    statisticsHeading: 'Statistics',
    statisticsIntro: 'Counts of the reports received in a period, for the annual report. Small counts are not shown, so that no one can be recognised.',
    period: 'Period',
    periodYear: 'All of {year}',
    periodQuarter: 'Quarter {quarter} of {year}',
    statisticsLoading: 'Loading the statistics…',
    statisticsError: 'The statistics could not be loaded.',
    statisticsPeriod: 'From {start} to {end}. Counts below {minimum} are not shown.',
    receivedTotal: 'Reports received: {count}',
    byCategoryCaption: 'Reports received per kind',
    byRoleCaption: "Reports received per reporter's role",
    count: 'Count',
    chart: 'Chart',
    suppressed: 'fewer than {minimum}',
    clocksCaption: 'Legal deadlines',
    clock: 'Deadline',
    clockCases: 'Reports',
    medianDays: 'Median (days)',
    p90Days: '90% within (days)',
    withinDeadline: 'On time',
    accountsHeading: 'Accounts',
    accountsIntro: 'Invite colleagues, give them a role or revoke their account.',
    inviteHeading: 'Invite a colleague',
    inviteName: 'Name',
    inviteRole: 'Role',
    inviteButton: 'Invite',
    inviteNameMissing: "Enter your colleague's name.",
    invited: '{name} is invited. Copy the link now and pass it on safely: you see it only once. The link works for 24 hours.',
    invitationLink: 'Invitation link',
    copy: 'Copy',
    copied: 'Copied.',
    accountsCaption: 'All accounts',
    accountName: 'Name',
    accountRole: 'Role',
    accountState: 'Status',
    accountActions: 'Action',
    accountActive: 'Active',
    accountInvited: 'Invitation not used yet',
    accountRevoked: 'Revoked',
    roleFor: 'Role of {name}',
    revoke: 'Revoke',
    revokeFor: 'Revoke the account of {name}',
    roleChanged: 'The role of {name} was changed.',
    revoked: 'The account of {name} was revoked.',
    accountsLoading: 'Loading the accounts…',
    accountsError: 'That did not work. Please try again.',
    'accountRole-handler': 'Handler',
    'accountRole-admin': 'Admin',
    'accountRole-auditor': 'Auditor',
    drillHeading: 'Protocol drill',
    drillIntro: 'Test with a made-up report whether every step of the protocols has someone who can take the task. Nothing is stored.',
    drillButton: 'Run the drill',
    drillRunning: 'The drill is running…',
    drillPassed: 'Passed: every step has someone who can take the task. {steps} steps, {warnings} with a point to watch.',
    drillFailed: 'Not passed: {unreachable} of the {steps} steps have nobody who can take the task.',
    drillStep: '{title} (group {group}, {count} handlers): {result}',
    'drillResult-ok': 'fine',
    'drillResult-warning': 'watch',
    'drillResult-unreachable': 'nobody reachable',
    'drillFinding-unknown-group': 'This group does not exist.',
    'drillFinding-no-handler': 'Nobody in this group is an active handler.',
    'drillFinding-no-notice-address': 'No email address for messages about this task.',
    'drillFinding-due-before-previous': 'It is due before the step before it.',
    'drillFinding-no-office-hours-before-due': 'No office hours between the report and the due time.',
  },
};
