/** Reading an exported project.qde in tests: attributes without prefix, repeated elements as arrays. */
import { XMLParser } from 'fast-xml-parser'

export const qdeParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) =>
    [
      'Code',
      'User',
      'Case',
      'TextSource',
      'PlainTextSelection',
      'Coding',
      'CodeRef',
      'VariableValue',
    ].includes(name),
})
