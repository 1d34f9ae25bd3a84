/** The import routes (docs/api.md#import), one file per request so progress can be shown per file. */
import type { ImportKind, ImportResult, ImportSynonyms } from '@tisserand/api-types'
import { api } from '../../api/client.ts'

/** What the file chooser and the drop zone accept (the server decides from the name and the bytes). */
export const IMPORT_ACCEPT = '.docx,.md,.markdown,.html,.htm,.txt,.zip'

const enc = encodeURIComponent

export const importApi = {
  importFile(workspaceId: string, file: File, options: { parentId: string | null; kind: ImportKind }) {
    const form = new FormData()
    form.append('file', file, file.name)
    form.set('kind', options.kind)
    if (options.parentId) form.set('parentId', options.parentId)
    return api.postForm<ImportResult>(`/api/workspaces/${enc(workspaceId)}/import`, form)
  },
  synonyms: (workspaceId: string) =>
    api.get<ImportSynonyms>(`/api/workspaces/${enc(workspaceId)}/import/synonyms`),
  updateSynonyms: (workspaceId: string, patch: Partial<ImportSynonyms>) =>
    api.patch<ImportSynonyms>(`/api/workspaces/${enc(workspaceId)}/import/synonyms`, patch),
}
