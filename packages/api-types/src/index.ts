/**
 * The shapes of what the Tisserand API returns, shared by the server (which builds them) and the
 * web app (which reads them), so the two cannot drift apart. Types and constants only.
 */

export const ROLES = ['owner', 'editor', 'commenter', 'viewer'] as const
export type Role = (typeof ROLES)[number]

/** Kinds people create; the workspace's case-sheet template is a page of kind 'template'. */
export const PAGE_KINDS = ['case', 'synthesis', 'note', 'memo'] as const
export type CreatablePageKind = (typeof PAGE_KINDS)[number]
export type PageKind = CreatablePageKind | 'template'

export interface User {
  id: string
  email: string
  name: string
  createdAt: number
}

export interface WorkspaceSummary {
  id: string
  name: string
  role: Role
}

export interface Member {
  userId: string
  name: string
  email: string
  role: Role
  joinedAt: number
}

export interface Invite {
  id: string
  role: Role
  createdAt: number
  expiresAt: number
  uses: number
}

export interface Page {
  id: string
  workspaceId: string
  parentId: string | null
  title: string
  kind: PageKind
  position: number
  createdBy: string
  createdAt: number
  updatedAt: number
  archivedAt: number | null
}

export type Access = 'read-write' | 'read-only'

export interface TokenSummary {
  id: string
  name: string
  createdAt: number
  lastUsedAt: number | null
}

/** Someone named in a thread, a message or a notification. */
export interface PersonRef {
  id: string
  name: string
}

/** Recent changes: one editing session of one person on one page. */
export interface RecentChange {
  pageId: string
  title: string
  kind: PageKind
  userId: string
  userName: string
  firstAt: number
  lastAt: number
}

export type ThreadStatus = 'open' | 'resolved'

export interface CommentMessage {
  id: string
  author: PersonRef
  /** Empty once deleted: the message keeps its place in the thread. */
  body: string
  createdAt: number
  editedAt: number | null
  deleted: boolean
}

/** A passage's two Yjs relative positions (`Y.encodeRelativePosition`), base64 on the wire. */
export interface WireAnchor {
  start: string
  end: string
}

/** A comment thread as the API returns it: its rows plus where its anchor stands now. */
export interface Thread {
  id: string
  pageId: string
  status: ThreadStatus
  /** The passage as it read when the thread was opened; kept when the passage is deleted. */
  quote: string
  /** The passage is gone from the body: the thread stays, shown with its quote. */
  detached: boolean
  /** The passage as it reads now (null when detached). */
  text: string | null
  anchor: WireAnchor
  createdBy: PersonRef
  createdAt: number
  updatedAt: number
  resolvedBy: PersonRef | null
  resolvedAt: number | null
  messages: CommentMessage[]
}

/** An open discussion as the workspace list shows it. */
export interface ThreadSummary {
  id: string
  pageId: string
  pageTitle: string
  quote: string
  status: ThreadStatus
  createdBy: PersonRef
  createdAt: number
  updatedAt: number
  messageCount: number
}

export type NotificationKind = 'mention'

export interface Notification {
  id: string
  kind: NotificationKind
  workspaceId: string
  actor: PersonRef | null
  pageId: string | null
  pageTitle: string | null
  threadId: string | null
  messageId: string | null
  /** The start of the message that mentioned the member, for the inbox line. */
  excerpt: string
  createdAt: number
  readAt: number | null
}

// The typology: codebook, coding and its views (docs/api.md#typology).

export interface Code {
  id: string
  parentId: string | null
  label: string
  description: string
  color: string | null
  position: number
  /** False for grouping codes imported from a REFI-QDA codebook that may not be applied. */
  codable: boolean
  retired: boolean
  retiredAt: number | null
}

export interface CodeRelation {
  id: string
  fromId: string
  toId: string
  kind: string
}

/** A code applied to a whole page (case sheet or synthesis). */
export interface PageCode {
  codeId: string
  author: PersonRef
  createdAt: number
  /** The coding round it was applied in (by a coder, or as the round's agreed coding); null outside rounds. */
  roundId: string | null
  agreed: boolean
}

export interface PassageCoding {
  id: string
  pageId: string
  codeId: string
  /** The text when it was coded. */
  quote: string
  /** The passage as it reads now; null once it was deleted from the page (detached). */
  text: string | null
  /** UTF-16 offsets in the page's plain text (blocks separated by "\n"), end exclusive. */
  from: number | null
  to: number | null
  detached: boolean
  /** For clients to place the passage in their editor. */
  anchor: WireAnchor
  author: PersonRef
  createdAt: number
  updatedAt: number
  /** The coding round it was made in (by a coder, or as the round's agreed coding); null outside rounds. */
  roundId: string | null
  /** The round's agreed coding (settled by `settledBy`). */
  agreed: boolean
  settledBy: string | null
  /** Replaced by the round's agreed coding: shown on the page, left out of the views and exports. */
  superseded: boolean
}

export interface MatrixCode {
  id: string
  label: string
  parentId: string | null
  /** The top-level code (dimension) this code belongs to. */
  dimensionId: string
  depth: number
  color: string | null
  /** Labels from the dimension down to this code. */
  path: string[]
}

export interface MatrixCell {
  pageId: string
  codeId: string
  /** Coded passages of this code in this case. */
  passages: number
  /** Whether the code is applied to the whole case. */
  caseLevel: boolean
}

export interface Matrix {
  cases: { pageId: string; title: string; kind: string }[]
  codes: MatrixCode[]
  cells: MatrixCell[]
}

export interface Cooccurrence {
  a: string
  b: string
  /** Cases where both codes are applied (to the case or to any of its passages). */
  cases: number
  /** Pairs of overlapping coded passages, one of each code. */
  passages: number
}

export interface CodeUsage {
  codeId: string
  passages: number
  /** Cases where the code is applied at case level or to a passage. */
  cases: number
  caseLevel: number
}

// History (docs/history.md, docs/api.md#history)

export const VERSION_KINDS = ['auto', 'named', 'restore', 'pre-restore', 'import'] as const
export type VersionKind = (typeof VERSION_KINDS)[number]

export interface PageVersion {
  id: string
  kind: VersionKind
  name: string | null
  createdAt: number
  createdBy: PersonRef | null
  /** Who changed the page between the previous version and this one. */
  contributors: PersonRef[]
}

export interface PageVersionDetail {
  version: PageVersion
  title: string
  /** Plain text, blocks separated by "\n", as the search index has it. */
  text: string
  /** ProseMirror JSON of the editor schema. */
  content: unknown
}

export interface AuthorshipRun {
  text: string
  author: PersonRef | null
  /** When it was written (the last edit of its run), or null for separators and the unknown. */
  at: number | null
  /** `restore` when the text came back with a restore, with the version it came from. */
  restoredFrom?: string
}

/** Who each Yjs client id of a page belongs to: the browser colours text by author with it. */
export interface AuthorshipClient {
  clientId: number
  author: PersonRef | null
  /** When this client's content was last written. */
  at: number | null
  /** The version its content came back from, for a restore. */
  restoredFrom?: string
}

export interface PageAuthorship {
  runs: AuthorshipRun[]
  clients: AuthorshipClient[]
}

export type CompareOp = 'same' | 'insert' | 'delete'

export interface CompareSegment {
  text: string
  op: CompareOp
  /** Who inserted (op insert) or deleted (op delete) it. */
  author: PersonRef | null
}

export interface CompareBlock {
  /** The editor node it renders as: paragraph, heading, listItem… */
  kind: string
  level?: number
  op: CompareOp | 'changed'
  segments: CompareSegment[]
  /** Id of the heading's Yjs item, for restoring its section (headings only). */
  sectionKey?: string
}

/** Unchanged blocks left out of a comparison. */
export interface FoldedBlocks {
  kind: 'unchanged'
  count: number
}

export const isFolded = (block: CompareBlock | FoldedBlocks): block is FoldedBlocks => 'count' in block

export interface PageComparison {
  from: PageVersion | null
  to: PageVersion | null
  /** Blocks in order; long runs of unchanged blocks are folded into `{kind: 'unchanged', count}`. */
  blocks: (CompareBlock | FoldedBlocks)[]
  /** Headings whose section changed, to jump to. */
  changedSections: { index: number; text: string; sectionKey?: string }[]
  title: { from: string; to: string } | null
  properties: { name: string; from: unknown; to: unknown }[]
  authors: PersonRef[]
}

// Quotations, evidence tables and memos (docs/quotations.md, docs/api.md#quotations)

export const QUOTATION_STATUSES = ['live', 'changed', 'source-removed'] as const
export type QuotationStatus = (typeof QUOTATION_STATUSES)[number]

export interface CodeRef {
  id: string
  label: string
}

/** A quotation of a coded passage as the page quoting it shows it. */
export interface QuotationView {
  /** As the quotation node names it ('' when it names none). */
  codingId: string
  /** Null when the coding is unknown, of another workspace, or its page was deleted for good. */
  sourcePageId: string | null
  sourceTitle: string | null
  /**
   * The passage as it reads now; once the source is gone, the last text read. Null when the
   * quotation names no passage of this workspace (nothing is revealed then).
   */
  text: string | null
  /** The wording when the passage was quoted, when it has changed since ("changed"). */
  quotedText: string | null
  /** The codes on the passage (every coding sharing its anchor). */
  codes: CodeRef[]
  status: QuotationStatus
}

/** A page quoting passages of another page (or of a code). */
export interface CitedIn {
  pageId: string
  title: string
  kind: PageKind
  /** The quoted codings of the page asked about (or of the code). */
  codingIds: string[]
  /** Where in the quoting page: the headings the quotations stand under (1-based), in order. */
  sections: { index: number; title: string }[]
  /** For a code: the page also holds an evidence table of that code. */
  evidenceTable?: boolean
}

/** One coded passage in an evidence table. */
export interface EvidenceRow {
  /** The coding that matched (a quotation of this row names it). */
  codingId: string
  pageId: string
  pageTitle: string
  text: string
  codes: CodeRef[]
  /** Who applied the codes on this passage. */
  coders: PersonRef[]
}

export const MEMO_SUBJECT_KINDS = ['code', 'page', 'coding'] as const
export type MemoSubjectKind = (typeof MEMO_SUBJECT_KINDS)[number]

export interface Memo {
  pageId: string
  title: string
  subjectKind: MemoSubjectKind
  subjectId: string
  /** The subject's name: a code's label, a page's title, a passage's text. */
  subjectLabel: string | null
  /** For a coding, the page holding the passage. */
  subjectPageId: string | null
  createdBy: PersonRef
  createdAt: number
  updatedAt: number
}

/** A coding round (docs/api.md#coding-rounds). */
export interface CodingRound {
  id: string
  name: string
  status: 'open' | 'revealed'
  blind: boolean
  pageIds: string[]
  coderIds: string[]
  codeIds: string[]
  adjudicatorId: string | null
  createdBy: string
  createdAt: number
  revealedBy: string | null
  revealedAt: number | null
  /** How many codings each coder made in the round: owners see every coder's, a coder their own. */
  progress: { coderId: string; passages: number; caseCodes: number }[]
}

export interface PassageAgreement {
  percent: number | null
  kappa: number | null
}

export interface CodeAgreement {
  codeId: string
  /** Some coder applied the code in the round (to a passage or a case); unused codes agree trivially. */
  used: boolean
  /** Case level: units are the round's pages, the value whether the coder applied the code. */
  percent: number | null
  kappa: number | null
  alpha: number | null
  passages: PassageAgreement & { alphaBinary: number | null }
}

export interface PairAgreement {
  coderIds: [string, string]
  overall: { percent: number | null; kappa: number | null; passages: PassageAgreement }
  byCode: { codeId: string; percent: number | null; kappa: number | null; passages: PassageAgreement }[]
}

export interface AgreementReport {
  coders: { id: string; name: string }[]
  overall: {
    percent: number | null
    kappa: number | null
    alpha: number | null
    passages: PassageAgreement & { alphaBinary: number | null }
  }
  byCode: CodeAgreement[]
  /** Passages per page, pooled over the codes in use: where the coders part ways. */
  byPage: ({ pageId: string } & PassageAgreement)[]
  pairs: PairAgreement[]
}

export type RoundOutcome =
  | { accept: 'all' | 'none' | string }
  | { redraw: { from: number; to: number; codeIds: string[] } }

export interface RoundItemCoding {
  id: string
  coderId: string
  codeId: string
  /** Code points in the page's text, end exclusive. */
  from: number
  to: number
  text: string
}

/** Something the reveal found to settle: a passage where coders differ, or a case-level code. */
export interface RoundItem {
  id: string
  level: 'passage' | 'case'
  pageId: string
  pageTitle: string
  status: 'agreed' | 'open' | 'settled'
  from?: number
  to?: number
  utf16From?: number
  text?: string
  anchor?: WireAnchor
  codings?: RoundItemCoding[]
  codeId?: string
  coderIds?: string[]
  outcome: RoundOutcome | null
  settledBy: PersonRef | null
  settledAt: number | null
}

// Import of documents as pages (docs/documents.md « Import », docs/api.md#import)

export const IMPORT_KINDS = ['case', 'synthesis', 'note'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

/** Something the person importing should know: comments not imported, an image not fetched… */
export interface ImportWarning {
  code: string
  message: string
  count?: number
}

export interface ImportedPage {
  id: string
  title: string
  /** Folders of a ZIP are notes, whatever kind was asked for. */
  kind: ImportKind
  parentId: string | null
  warnings: ImportWarning[]
}

export interface ImportResult {
  pages: ImportedPage[]
  /** About the request as a whole (files of a ZIP left out). */
  warnings: ImportWarning[]
}

export interface ImportSynonyms {
  /** A template section's heading → other headings that mean it. */
  sections: Record<string, string[]>
  /** A case property → labels of a properties-table row that name it. */
  properties: Record<'territory' | 'yearFounded' | 'needsOrigin' | 'status', string[]>
}
