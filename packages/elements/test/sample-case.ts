// A case as the reference server answers it, and a handler client that answers from memory: for
// Storybook (which has no backend) and for tests of answers a real backend never gives.
import type { AuditEntry, Case, CaseAccess, CaseMessage, CaseNote, Discovery, MessageTemplates, MinutesList, NoteList } from '@weerbaar/sdk';
import { auditEntryHash, type WeerbaarHandlerClient } from '@weerbaar/sdk/handler';
import { sampleSafetyNetCalls, type SampleSafetyNet } from './sample-safety-net.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();

export function sampleCase(overrides: Partial<Case> = {}): Case {
  return {
    caseId: 'c_3M8qZt2LkW9xYv4N',
    reference: 'WB-2026-0042',
    role: 'council-member',
    category: 'threat-intimidation',
    locale: 'nl',
    status: 'received',
    receivedAt: day(-6),
    deadlines: { acknowledgeDueAt: day(1), feedbackDueAt: day(91), acknowledgeOverdue: false, feedbackOverdue: false },
    encrypted: false,
    contactable: 'no',
    consents: [],
    content: {
      description: 'Na de raadsvergadering stonden twee mannen bij mijn auto. Zij zeiden dat zij weten waar mijn kinderen naar school gaan.',
      occurredOn: '2026-11-20',
      location: 'Parkeerplaats van het stadhuis',
      involvedParties: 'Twee mannen, een van hen woont in de wijk',
      answers: { whoWasThreatened: ['family'], reportedToPolice: 'planned' },
    },
    labels: {
      locale: 'nl',
      role: 'Raadslid',
      category: 'Bedreiging of intimidatie',
      status: 'Ontvangen',
      channel: 'Online gemeld',
      questions: {
        whoWasThreatened: { question: 'Wie werd bedreigd of benaderd?', answer: ['Mijn partner, kinderen of andere naasten'] },
        reportedToPolice: { question: 'Heeft u al aangifte gedaan bij de politie?', answer: ['Nog niet, maar dat ben ik van plan'] },
      },
    },
    timeline: [{ at: day(-6), type: 'received', status: 'received' }],
    messages: [],
    attachments: [{ id: 'a_9pQ2rS7tU4vW1xY', name: 'foto-auto.jpg', mediaType: 'image/jpeg', sizeBytes: 245_760, encrypted: false, addedAt: day(-6) }],
    group: { groupId: 'integrity-officers', name: 'Integriteitscoördinatoren' },
    assignees: [],
    ...overrides,
  };
}

const discovery = {
  apiVersion: '1.1.0',
  organisation: { name: 'Gemeente Voorbeeldstad' },
  capabilities: {
    caseManagement: {
      signIn: { passkey: { rpId: 'localhost' } },
      idleTimeoutSeconds: 900,
      maxSessionSeconds: 36000,
      workflow: {},
      notes: { encryptionRequired: false },
      intake: { channels: ['phone', 'meeting'] },
      audit: { algorithm: 'jcs-sha256-chain-v1' },
    },
  },
} as unknown as Discovery;

const templates: Record<string, MessageTemplates> = {
  nl: {
    locale: 'nl',
    items: [
      {
        id: 'ontvangstbevestiging',
        kind: 'acknowledgement',
        title: 'Ontvangstbevestiging',
        body: 'Wij hebben uw melding {reference} van {receivedOn} ontvangen. U kunt ook terecht bij de vertrouwenspersoon of bij het Huis voor Klokkenluiders (088 133 10 00).',
      },
      { id: 'terugkoppeling', kind: 'feedback', title: 'Terugkoppeling', body: 'Over uw melding {reference} kunnen wij u het volgende laten weten.' },
    ],
  },
  en: {
    locale: 'en',
    items: [
      {
        id: 'acknowledgement',
        kind: 'acknowledgement',
        title: 'Acknowledgement of receipt',
        body: 'We received your report {reference} of {receivedOn}. You can also turn to the confidential adviser or the Huis voor Klokkenluiders (088 133 10 00).',
      },
    ],
  },
};

export interface SampleClientOptions {
  /** What `getCase` answers: a case, `'loading'` (never answers), `'error'` or `'not-found'`. */
  found?: Case | 'loading' | 'error' | 'not-found' | unknown;
  notes?: CaseNote[];
  minutes?: MinutesList['items'];
  /** With it, the backend advertises protocols: the case's tasks, the people affected and the check-ins. */
  safetyNet?: SampleSafetyNet;
}

const people = {
  celik: { accountId: 'u_7Hq2Lm9Xc4Rt', displayName: 'Ö. Çelik' },
  bakker: { accountId: 'u_2Bv6Nm1Qs8Lp', displayName: 'P. Bakker' },
  jansen: { accountId: 'u_9Kd3Wq5Zr1Tx', displayName: 'A. Jansen' },
};

/** A small audit trail whose hashes are real, so the view verifies it. */
async function sampleAuditTrail(found: Case) {
  const raw = [
    { action: 'received', actor: { kind: 'reporter' }, details: { channel: 'online', encrypted: false } },
    { action: 'read', actor: { kind: 'person', accountId: people.celik.accountId, name: people.celik.displayName }, details: {} },
    { action: 'note-added', actor: { kind: 'person', accountId: people.celik.accountId, name: people.celik.displayName }, details: { noteId: 'n_8Zx3Cv5Bn7Mq' } },
    { action: 'audit-exported', actor: { kind: 'person', accountId: people.celik.accountId, name: people.celik.displayName }, details: {} },
  ] as const;
  const entries: AuditEntry[] = [];
  let previousHash = '0'.repeat(64);
  for (const [index, entry] of raw.entries()) {
    const unhashed = { seq: index + 1, at: new Date(Date.parse(found.receivedAt) + index * 60_000).toISOString(), ...entry, previousHash } as unknown as AuditEntry;
    const hash = await auditEntryHash({ ...unhashed, hash: '' });
    entries.push({ ...unhashed, hash });
    previousHash = hash;
  }
  return { caseId: found.caseId, reference: found.reference, algorithm: 'jcs-sha256-chain-v1' as const, exportedAt: new Date().toISOString(), entryCount: entries.length, headHash: previousHash, entries, sessions: [] };
}

/** A handler client that keeps one case in memory; changes apply to it as the backend would. */
export function sampleHandlerClient({ found = sampleCase(), notes = [], minutes = [], safetyNet }: SampleClientOptions = {}): WeerbaarHandlerClient {
  let current = found;
  let access: CaseAccess = { caseId: 'c_3M8qZt2LkW9xYv4N', reference: 'WB-2026-0042', group: { groupId: 'griffie', name: 'Griffie' }, assignees: [people.celik], grants: [], exclusions: [people.bakker] };
  const accessChange = (change: Partial<CaseAccess>) => {
    access = { ...access, ...change };
    return access;
  };
  const noteList = (): NoteList => ({ items: notes });
  const answer = async () => {
    if (current === 'loading') return new Promise<never>(() => {});
    if (current === 'error') throw Object.assign(new Error('unavailable'), { status: 503 });
    if (current === 'not-found') throw Object.assign(new Error('not found'), { status: 404 });
    return current as Case;
  };
  const update = (change: Partial<Case>) => {
    current = { ...(current as Case), ...change };
    return current as Case;
  };
  const message = (body: string, kind: CaseMessage['kind']): CaseMessage => {
    const sent: CaseMessage = { id: `m_${crypto.randomUUID().slice(0, 12)}`, from: 'handler', kind, sentAt: new Date().toISOString(), body };
    update({ messages: [...(current as Case).messages, sent] });
    return sent;
  };
  const client: Partial<WeerbaarHandlerClient> = {
    discover: async () =>
      safetyNet ? ({ ...discovery, capabilities: { ...discovery.capabilities, caseManagement: { ...discovery.capabilities.caseManagement, protocols: {} } } } as Discovery) : discovery,
    getCase: answer,
    getCaseOptions: async () => Promise.reject(new Error('not in the sample')),
    getMessageTemplates: async ({ lang } = {}) => templates[lang ?? 'nl'] ?? templates.nl!,
    getReportForm: async () => Promise.reject(new Error('not in the sample')),
    listNotes: async () => noteList(),
    getMe: async () => Promise.reject(new Error('a handler token')),
    acknowledge: async (_caseId, body = '') => {
      message(body, 'acknowledgement');
      const found = current as Case;
      return update({ status: 'acknowledged', deadlines: { ...found.deadlines, acknowledgedAt: new Date().toISOString() } });
    },
    sendMessage: async (_caseId, request) => message(request.body, request.kind ?? 'message'),
    giveFeedback: async (_caseId, body) => {
      message(body, 'feedback');
      return current as Case;
    },
    addNote: async (_caseId, text) => {
      const note: CaseNote = { noteId: `n_${crypto.randomUUID().slice(0, 12)}`, author: { kind: 'handler-token', name: 'Voorbeeld' }, createdAt: new Date().toISOString(), body: text };
      notes = [...notes, note];
      return note;
    },
    setStatus: async (_caseId, change) => update({ status: change.status }),
    setSubstatus: async (_caseId, substatus) => update(substatus ? { substatus } : {}),
    downloadAttachment: async () => new TextEncoder().encode('voorbeeld'),
    getCaseAccess: async () => access,
    listGroups: async () => ({
      items: [
        { groupId: 'griffie', name: 'Griffie', members: [people.celik, people.jansen] },
        { groupId: 'integrity-officers', name: 'Integriteitscoördinatoren', members: [people.bakker] },
      ],
    }),
    assignCase: async (_caseId, accountId) => accessChange({ assignees: [...access.assignees, Object.values(people).find((person) => person.accountId === accountId)!] }),
    unassignCase: async (_caseId, accountId) => accessChange({ assignees: access.assignees.filter((person) => person.accountId !== accountId) }),
    grantCaseAccess: async (_caseId, accountId) => accessChange({ grants: [...access.grants, Object.values(people).find((person) => person.accountId === accountId)!] }),
    revokeCaseAccess: async (_caseId, accountId) => accessChange({ grants: access.grants.filter((person) => person.accountId !== accountId) }),
    excludeFromCase: async (_caseId, accountId) => accessChange({ exclusions: [...access.exclusions, Object.values(people).find((person) => person.accountId === accountId)!] }),
    liftCaseExclusion: async (_caseId, accountId) => accessChange({ exclusions: access.exclusions.filter((person) => person.accountId !== accountId) }),
    transferCase: async (_caseId, groupId) => accessChange({ group: { groupId, name: groupId } }),
    listMinutes: async () => ({ items: minutes }),
    reviseMinutes: async (_caseId, basedOnVersion, body) => {
      const version = { version: basedOnVersion + 1, createdAt: new Date().toISOString(), author: { kind: 'handler-token' as const, name: 'Voorbeeld' }, status: 'draft' as const, body };
      minutes = [...minutes, version];
      return version;
    },
    getAuditTrail: async () => sampleAuditTrail(current as Case),
    recordExport: async () => ({ exportId: 'x_5Tg7Yh9Uj2Ik', recordedAt: new Date().toISOString(), auditSeq: 14 }),
    // The oral report becomes the sample case, with its first minutes waiting for the reporter.
    recordIntake: async (intake) => {
      const version = { version: 1, createdAt: new Date().toISOString(), author: { kind: 'handler-token' as const, name: 'Voorbeeld' }, status: 'draft' as const, body: intake.minutes.body };
      minutes = [version];
      const found = update({ channel: intake.channel, role: intake.role, category: intake.category, content: intake.content, minutes: { latestVersion: 1, status: 'draft' }, attachments: [] });
      const { acknowledgeDueAt, feedbackDueAt } = found.deadlines;
      return { caseId: found.caseId, reference: found.reference, receipt: '7KQW-3MNP-9XRT-4HVB-2CJD', receivedAt: found.receivedAt, acknowledgeDueAt, feedbackDueAt, status: 'received', minutes: version };
    },
  };
  return { ...client, ...(safetyNet ? sampleSafetyNetCalls(safetyNet, update) : {}) } as WeerbaarHandlerClient;
}
