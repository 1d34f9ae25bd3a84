import { describe, expect, it } from 'vitest'
import { parseQuery } from './query.ts'
import { buildSnippet } from './snippet.ts'

const marked = (snippet: string) => [...snippet.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1])

describe('buildSnippet', () => {
  it('shows the first match of a one-word query, highlighted by prefix and by stem', () => {
    const text = `${'Un long préambule sans rapport. '.repeat(20)}La gouvernance partagée du jardin, puis les gouvernances locales.`
    const snippet = buildSnippet(text, parseQuery('Gouvernances'))
    expect(snippet.startsWith('…')).toBe(true)
    expect(marked(snippet)).toEqual(['gouvernance', 'gouvernances'])
  })

  it('prefers the first passage holding every term over an earlier one holding a single term', () => {
    const filler = 'des mots qui ne comptent pas '.repeat(12)
    const text = `Le jardin ouvre. ${filler} Le jardin de la cantine nourrit le quartier. ${filler} La cantine ferme.`
    const snippet = buildSnippet(text, parseQuery('cantine jardin'))
    expect(snippet).toContain('<mark>jardin</mark> de la <mark>cantine</mark>')
  })

  it('with terms never together, shows the first passage with the most of them', () => {
    const filler = 'des mots qui ne comptent pas '.repeat(12)
    const text = `Une école. ${filler} Une épicerie et une école. ${filler} Un jardin.`
    const snippet = buildSnippet(text, parseQuery('ecole epicerie jardin'))
    expect(marked(snippet)).toEqual(['épicerie', 'école'])
  })

  it('escapes the page text around the highlights', () => {
    expect(buildSnippet('Tom & <b>Jerry</b> au jardin', parseQuery('jardin'))).toBe(
      'Tom &#38; &#60;b&#62;Jerry&#60;/b&#62; au <mark>jardin</mark>',
    )
  })

  it('without a match in the text (found by its title), shows the text from its start', () => {
    expect(buildSnippet('Rien à voir ici.', parseQuery('jardin'))).toBe('Rien à voir ici.')
  })
})
