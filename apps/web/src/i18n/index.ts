/**
 * The i18n layer: every UI string goes through i18next. French is the default (Tisserand's users
 * are mostly French-speaking); English is available. The user's choice is remembered in this
 * browser, and <html lang> follows it so that screen readers and hyphenation use the right language.
 */
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import codingEn from '../coding/i18n/en.json'
import codingFr from '../coding/i18n/fr.json'
import exportsEn from '../documents/export/i18n/en.json'
import exportsFr from '../documents/export/i18n/fr.json'
import importsEn from '../documents/import/i18n/en.json'
import importsFr from '../documents/import/i18n/fr.json'
import editorEn from '../editor/i18n/en.json'
import editorFr from '../editor/i18n/fr.json'
import historyEn from '../history/i18n/en.json'
import historyFr from '../history/i18n/fr.json'
import offlineEn from '../offline/i18n/en.json'
import offlineFr from '../offline/i18n/fr.json'
import quotationsEn from '../quotations/i18n/en.json'
import quotationsFr from '../quotations/i18n/fr.json'
import roundsEn from '../rounds/i18n/en.json'
import roundsFr from '../rounds/i18n/fr.json'
import wikiEn from '../wiki/i18n/en.json'
import wikiFr from '../wiki/i18n/fr.json'
import enBase from './en.json'
import frBase from './fr.json'

export const languages = ['fr', 'en'] as const
export type Language = (typeof languages)[number]

export const defaultLanguage: Language = 'fr'
const storageKey = 'tisserand.language'

// Modules with many strings keep them beside their code, under their own key.
const fr = {
  ...frBase,
  wiki: wikiFr,
  coding: codingFr,
  history: historyFr,
  quotations: quotationsFr,
  offline: offlineFr,
  rounds: roundsFr,
  editor: editorFr,
  exports: exportsFr,
  imports: importsFr,
}
const en = {
  ...enBase,
  wiki: wikiEn,
  coding: codingEn,
  history: historyEn,
  quotations: quotationsEn,
  offline: offlineEn,
  rounds: roundsEn,
  editor: editorEn,
  exports: exportsEn,
  imports: importsEn,
}

// A missing or extra key in the English file is a type error here.
const english: typeof fr = en
export const resources = { fr: { translation: fr }, en: { translation: english } } as const

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value)
}

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(storageKey)
    return isLanguage(value) ? value : defaultLanguage
  } catch {
    return defaultLanguage
  }
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(storageKey, language)
  } catch {
    // Private mode or storage disabled: the choice simply lasts for this tab.
  }
  void i18next.changeLanguage(language)
}

export function initI18n(): typeof i18next {
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language
  })
  void i18next.use(initReactI18next).init({
    resources,
    lng: storedLanguage(),
    fallbackLng: defaultLanguage,
    supportedLngs: [...languages],
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    initAsync: false,
  })
  document.documentElement.lang = i18next.language
  return i18next
}
