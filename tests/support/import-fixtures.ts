/**
 * Documents for the import tests, the import benchmark and the e2e: Word files written here with
 * the `docx` library (as Word would save them: heading styles, numbering, tables, embedded
 * images), ZIP archives and a ZIP bomb written with fflate, an encrypted Office file's header.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { Zip, ZipDeflate, zipSync } from 'fflate'
import { PNG } from './files.ts'

export { PNG }

const NUMBERING = {
  config: [
    {
      reference: 'numbered',
      levels: [0, 1, 2].map((level) => ({
        level,
        format: LevelFormat.DECIMAL,
        text: `%${level + 1}.`,
        alignment: AlignmentType.START,
      })),
    },
  ],
}

/** A Word document of these blocks; `options` adds what a Document takes beside them (comments, footnotes). */
export const docxBytes = async (
  children: (Paragraph | Table)[],
  options: Omit<ConstructorParameters<typeof Document>[0], 'sections'> = {},
) =>
  new Uint8Array(
    await Packer.toBuffer(new Document({ numbering: NUMBERING, ...options, sections: [{ children }] })),
  )

export const h = (level: 1 | 2 | 3, text: string) =>
  new Paragraph({
    heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][level - 1],
    children: [new TextRun(text)],
  })

export const p = (...runs: (string | TextRun)[]) =>
  new Paragraph({ children: runs.map((run) => (typeof run === 'string' ? new TextRun(run) : run)) })

export const bullet = (level: number, text: string) =>
  new Paragraph({ bullet: { level }, children: [new TextRun(text)] })

export const numbered = (level: number, text: string) =>
  new Paragraph({ numbering: { reference: 'numbered', level }, children: [new TextRun(text)] })

export const table = (rows: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (cells) => new TableRow({ children: cells.map((text) => new TableCell({ children: [p(text)] })) }),
    ),
  })

export const image = () =>
  new Paragraph({
    children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 40, height: 40 } })],
  })

/** The document of the structure test: headings, marks, nested list, a 3×3 table, an image, accents and emoji. */
export async function richDocx(): Promise<Uint8Array> {
  return docxBytes([
    h(1, 'Épicerie solidaire du Village'),
    h(2, "Présentation de l'initiative"),
    p('Une épicerie ', new TextRun({ text: 'très', bold: true }), ' ouverte à tous 🎉, à Échirolles.'),
    p(
      new TextRun({ text: 'italique', italics: true }),
      ' ',
      new TextRun({ text: 'souligné', underline: {} }),
      ' ',
      new TextRun({ text: 'barré', strike: true }),
    ),
    bullet(0, 'Premier besoin'),
    bullet(1, 'Besoin imbriqué'),
    bullet(0, 'Second besoin'),
    numbered(0, 'Étape un'),
    numbered(0, 'Étape deux'),
    h(2, 'Acteurs et territoire'),
    table([
      ['Acteur', 'Rôle', 'Depuis'],
      ['Mairie', 'Financeur', '2019'],
      ['Habitants', 'Bénévoles', '2020'],
    ]),
    image(),
    p('Fin du document — ça marche.'),
  ])
}

export function zipBytes(files: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(
    Object.fromEntries(
      Object.entries(files).map(([name, data]) => [
        name,
        typeof data === 'string' ? new TextEncoder().encode(data) : data,
      ]),
    ),
  )
}

/** A ZIP bomb: one entry of `mebibytes` MiB of zeros, deflated to a few hundred KiB, built in pieces. */
export function zipBomb(mebibytes: number, name = 'bomb.txt'): Uint8Array {
  const out: Uint8Array[] = []
  const zip = new Zip((error, chunk) => {
    if (error) throw error
    out.push(chunk)
  })
  const entry = new ZipDeflate(name, { level: 9 })
  zip.add(entry)
  const zeros = new Uint8Array(1024 * 1024)
  for (let i = 0; i < mebibytes; i++) entry.push(zeros, i === mebibytes - 1)
  zip.end()
  return Buffer.concat(out)
}

/**
 * What Office writes for a password-protected document: an OLE compound file (CFB) holding an
 * EncryptionInfo and an EncryptedPackage stream, not a ZIP. The header's signature and a sector
 * of filler are enough for a reader to tell it apart; the rest is opaque to it.
 */
export function encryptedDocx(): Uint8Array {
  const bytes = new Uint8Array(4096)
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
  // Minor and major version (3), byte order mark, sector shift (9: 512-byte sectors).
  bytes.set([0x3e, 0x00, 0x03, 0x00, 0xfe, 0xff, 0x09, 0x00], 24)
  bytes.set(new TextEncoder().encode('EncryptionInfo EncryptedPackage'), 1024)
  return bytes
}

export function filesForm(
  files: { name: string; bytes: Uint8Array | string; type?: string }[],
  fields: Record<string, string> = {},
) {
  const form = new FormData()
  for (const file of files) {
    const data = typeof file.bytes === 'string' ? new TextEncoder().encode(file.bytes) : file.bytes
    form.append(
      'file',
      new Blob([new Uint8Array(data)], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    )
  }
  for (const [key, value] of Object.entries(fields)) form.set(key, value)
  return form
}

export const IMPORT_FIXTURES = {
  importDocuments: { body: () => filesForm([{ name: 'note.md', bytes: '# Note\n\nUn paragraphe.' }]) },
  getImportSynonyms: {},
  updateImportSynonyms: { body: () => ({ sections: { Gouvernance: ['Pilotage'] } }) },
}
