// Makes t('some.key') a type error when the key does not exist in the French resources.
import 'i18next'
import type codingFr from '../coding/i18n/fr.json'
import type exportsFr from '../documents/export/i18n/fr.json'
import type importsFr from '../documents/import/i18n/fr.json'
import type editorFr from '../editor/i18n/fr.json'
import type historyFr from '../history/i18n/fr.json'
import type offlineFr from '../offline/i18n/fr.json'
import type quotationsFr from '../quotations/i18n/fr.json'
import type roundsFr from '../rounds/i18n/fr.json'
import type wikiFr from '../wiki/i18n/fr.json'
import type fr from './fr.json'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: {
      translation: typeof fr & {
        wiki: typeof wikiFr
        coding: typeof codingFr
        history: typeof historyFr
        quotations: typeof quotationsFr
        offline: typeof offlineFr
        rounds: typeof roundsFr
        editor: typeof editorFr
        exports: typeof exportsFr
        imports: typeof importsFr
      }
    }
  }
}
