// Makes t('some.key') a type error when the key does not exist in the French resources.
import 'i18next'
import type codingFr from '../coding/i18n/fr.json'
import type editorFr from '../editor/i18n/fr.json'
import type wikiFr from '../wiki/i18n/fr.json'
import type fr from './fr.json'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: {
      translation: typeof fr & { wiki: typeof wikiFr; coding: typeof codingFr; editor: typeof editorFr }
    }
  }
}
