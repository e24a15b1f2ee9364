import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { type XmlEvents, XmlSyntaxError, XmlTokenizer, decodeEntities, localNameOf } from '../../../src/bank/camt053/xml-tokenizer.js';

type Event = [string, ...unknown[]];

/** The events of a document fed in the given pieces, with adjacent text pieces joined. */
function eventsOf(pieces: readonly string[]): Event[] {
  const events: Event[] = [];
  const sink: XmlEvents = {
    startElement: (name, localName, attributes, line) => events.push(['start', name, localName, attributes.map((a) => [a.name, a.localName, a.value]), line]),
    endElement: (name, localName, line) => events.push(['end', name, localName, line]),
    text: (text) => {
      const last = events.at(-1);
      if (last?.[0] === 'text') last[1] = `${String(last[1])}${text}`;
      else events.push(['text', text]);
    },
  };
  const tokenizer = new XmlTokenizer(sink);
  for (const piece of pieces) tokenizer.write(piece);
  tokenizer.end();
  return events;
}

function problemOf(document: string): XmlSyntaxError {
  try {
    eventsOf([document]);
  } catch (error) {
    if (error instanceof XmlSyntaxError) return error;
    throw error;
  }
  throw new Error('no problem found');
}

const DOCUMENT = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE d [ <!ENTITY e "boom"> <!ELEMENT d ANY> ]>
<!-- a comment with <tags> and -- inside? no: dashes -->
<ns:d xmlns:ns="urn:x" a='1 > 0' b="&quot;x&quot;">
  <ns:e Ccy="EUR">12.50</ns:e><f/>
  <g><![CDATA[<not a tag> & ]]>tail &amp; &#65;&#x42; &e;</g>
  <?pi inside?>
</ns:d>
<!-- after -->
`;

describe('XmlTokenizer', () => {
  test('reports elements by name and local name, attributes, text and lines', () => {
    expect(eventsOf([DOCUMENT])).toEqual([
      ['start', 'ns:d', 'd', [['xmlns:ns', 'ns', 'urn:x'], ['a', 'a', '1 > 0'], ['b', 'b', '"x"']], 4],
      ['text', '\n  '],
      ['start', 'ns:e', 'e', [['Ccy', 'Ccy', 'EUR']], 5],
      ['text', '12.50'],
      ['end', 'ns:e', 'e', 5],
      ['start', 'f', 'f', [], 5],
      ['end', 'f', 'f', 5],
      ['text', '\n  '],
      ['start', 'g', 'g', [], 6],
      ['text', '<not a tag> & tail & AB &e;'],
      ['end', 'g', 'g', 6],
      ['text', '\n  \n'],
      ['end', 'ns:d', 'd', 8],
    ]);
  });

  test('gives the same events however the text is cut into pieces', () => {
    const whole = eventsOf([DOCUMENT]);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: DOCUMENT.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const pieces: string[] = [];
        let from = 0;
        for (const point of points) {
          pieces.push(DOCUMENT.slice(from, point));
          from = point;
        }
        pieces.push(DOCUMENT.slice(from));
        expect(eventsOf(pieces)).toEqual(whole);
      }),
      { numRuns: 300 },
    );
    expect(eventsOf([...DOCUMENT])).toEqual(whole);
  });

  test.each([
    ['<a><b></a>', 1, '<b> (opened on line 1) is closed by </a>'],
    ['<a>\n</a>\n<b/>', 3, 'a second root element'],
    ['<a>\n\n', 3, 'the file ends inside <a> (opened on line 1)'],
    ['<a><!-- never closed', 1, 'the file ends inside a comment'],
    ['<a><![CDATA[ never closed', 1, 'the file ends inside a CDATA section'],
    ['<a b="1></a>', 1, 'the file ends inside a tag'],
    ['<a b=1/>', 1, 'malformed attributes in <a>'],
    ['<a><1/></a>', 1, 'does not start a tag'],
    ['< a/>', 1, 'does not start a tag'],
    ['<a <b/>', 1, 'a "<" inside a tag'],
    ['</a>', 1, 'an end tag </a> with no element to close'],
    ['x<a/>', 1, 'text before the root element'],
    ['<![CDATA[x]]><a/>', 1, 'a CDATA section outside the root element'],
    ['<a/>\nx', 2, 'text after the end of the root element'],
    ['<!FOO><a/>', 1, 'malformed markup'],
    ['', 1, 'the file is empty'],
    ['  \n<!-- only -->\n', 3, 'no XML element found'],
  ])('%j is refused at line %i', (document, line, message) => {
    const problem = problemOf(document);
    expect(problem.line).toBe(line);
    expect(problem.message).toContain(message);
  });

  test('a tag far longer than any real one is refused without waiting for the end of the file', () => {
    const tokenizer = new XmlTokenizer({ startElement: () => undefined, endElement: () => undefined, text: () => undefined });
    tokenizer.write('<a b="');
    expect(() => {
      for (let i = 0; i < 20; i += 1) tokenizer.write('x'.repeat(64 * 1024));
    }).toThrow(XmlSyntaxError);
  });

  test('decodeEntities and localNameOf', () => {
    expect(decodeEntities('&lt;&gt;&amp;&quot;&apos;&#10;&#x1F600;')).toBe('<>&"\'\n😀');
    expect(decodeEntities('&#0; &#xD800; &#1114112; &bogus; & &;')).toBe('&#0; &#xD800; &#1114112; &bogus; & &;');
    expect(localNameOf('ns2:Amt')).toBe('Amt');
    expect(localNameOf('Amt')).toBe('Amt');
  });
});
