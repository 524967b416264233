// A case as the reference server answers it, and a handler client that answers from memory: for
// Storybook (which has no backend) and for tests of answers a real backend never gives.
import type { Case, CaseMessage, CaseNote, Discovery, MessageTemplates, NoteList } from '@weerbaar/sdk';
import type { WeerbaarHandlerClient } from '@weerbaar/sdk/handler';

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
  capabilities: { caseManagement: { workflow: {}, notes: { encryptionRequired: false } } },
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
}

/** A handler client that keeps one case in memory; changes apply to it as the backend would. */
export function sampleHandlerClient({ found = sampleCase(), notes = [] }: SampleClientOptions = {}): WeerbaarHandlerClient {
  let current = found;
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
    discover: async () => discovery,
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
  };
  return client as WeerbaarHandlerClient;
}
