/**
 * A small incremental XML tokenizer, enough for bank statements (camt.053): it is fed text in
 * chunks as they come off the disk and reports start tags, end tags and text as it finds them,
 * so a statement file never has to sit whole in memory.
 *
 * It checks well-formedness where it matters for reading data (tags close in order, one root,
 * nothing but markup around the root, attributes quoted) and is lenient elsewhere: a bare "&"
 * or an entity it does not know is kept as written, a DOCTYPE is skipped, and its entities are
 * never expanded (no entity expansion attacks). Names are reported with their prefix and as
 * local names, so callers can match elements whatever namespace prefix a bank chose.
 */

/** A problem with the XML itself, with the line where it was found. */
export class XmlSyntaxError extends Error {
  readonly line: number;

  constructor(line: number, message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
    this.line = line;
  }
}

export interface XmlAttribute {
  /** The name as written, prefix included ("xmlns:ns2", "Ccy"). */
  readonly name: string;
  /** The name without its prefix ("ns2", "Ccy"). */
  readonly localName: string;
  readonly value: string;
}

export interface XmlEvents {
  startElement(name: string, localName: string, attributes: readonly XmlAttribute[], line: number): void;
  endElement(name: string, localName: string, line: number): void;
  /** Character data (entities decoded, CDATA as is), possibly in several pieces. */
  text(text: string, line: number): void;
}

/** No tag of a real statement comes near this; a longer one means the file is not XML. */
const MAX_TAG_LENGTH = 1024 * 1024;
/** Comments, CDATA sections, processing instructions and the DOCTYPE. */
const MAX_MARKUP_LENGTH = 16 * 1024 * 1024;

const NAME_START = String.raw`[A-Za-z_\u00C0-\uFFFF]`;
const NAME_CHAR = String.raw`[A-Za-z0-9_.\-\u00B7-\uFFFF]`;
const NAME = new RegExp(`^${NAME_START}${NAME_CHAR}*(?::${NAME_START}${NAME_CHAR}*)?$`);
const TAG_NAME = /^[^\s/>]+/;
const ATTRIBUTE = /\s+([^\s=/>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const REFERENCE = /&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z_][A-Za-z0-9_.-]*);/g;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function localNameOf(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Decodes the five predefined entities and character references; anything else stays as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body.startsWith('#x') ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff));
      return allowed ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[body] ?? whole;
  });
}

export class XmlTokenizer {
  private buffer = '';
  private pos = 0;
  /** The line of the character at `pos`. */
  private line = 1;
  /** Where a search for the end of a construct that is not complete yet may resume. */
  private resumeAt = 0;
  /** The index of the first newline at or after `pos`: -1 none in the buffer, -2 not known. */
  private nextNewline = -2;
  private readonly open: { name: string; line: number }[] = [];
  private rootSeen = false;
  private rootClosed = false;
  private anything = false;

  constructor(private readonly events: XmlEvents) {}

  write(chunk: string): void {
    if (chunk === '') return;
    if (!this.anything) {
      this.anything = true;
      if (chunk.startsWith('\uFEFF')) chunk = chunk.slice(1);
    }
    this.buffer = this.buffer.slice(this.pos) + chunk;
    this.resumeAt = Math.max(0, this.resumeAt - this.pos);
    this.nextNewline = this.nextNewline >= 0 ? this.nextNewline - this.pos : -2;
    this.pos = 0;
    this.run(false);
  }

  end(): void {
    this.run(true);
    const top = this.open.at(-1);
    if (top !== undefined) {
      throw new XmlSyntaxError(this.line, `the file ends inside <${top.name}> (opened on line ${top.line}): it is cut short`);
    }
    if (!this.anything) throw new XmlSyntaxError(1, 'the file is empty');
    if (!this.rootSeen) throw new XmlSyntaxError(this.line, 'no XML element found: this is not an XML file');
  }

  private run(final: boolean): void {
    const b = this.buffer;
    while (this.pos < b.length) {
      const p = this.pos;
      if (b.charCodeAt(p) !== 0x3c /* < */) {
        let lt = b.indexOf('<', Math.max(p, this.resumeAt));
        if (lt === -1) {
          if (!final) return this.wait(b.length, MAX_MARKUP_LENGTH, 'text');
          lt = b.length;
        }
        this.characters(b.slice(p, lt));
        this.advance(lt);
        continue;
      }
      // Enough characters to tell "<![CDATA[" from the rest.
      if (!final && b.length - p < 9) return;
      if (b.startsWith('<?', p)) {
        const end = this.find('?>', p + 2, final, 'a processing instruction');
        if (end === -1) return;
        this.advance(end + 2);
      } else if (b.startsWith('<!--', p)) {
        const end = this.find('-->', p + 4, final, 'a comment');
        if (end === -1) return;
        this.advance(end + 3);
      } else if (b.startsWith('<![CDATA[', p)) {
        const end = this.find(']]>', p + 9, final, 'a CDATA section');
        if (end === -1) return;
        if (this.open.length === 0) throw new XmlSyntaxError(this.line, 'a CDATA section outside the root element: this is not an XML file');
        this.events.text(b.slice(p + 9, end), this.line);
        this.advance(end + 3);
      } else if (b.startsWith('<!DOCTYPE', p)) {
        const end = this.doctypeEnd(p, final);
        if (end === -1) return;
        if (this.rootSeen) throw new XmlSyntaxError(this.line, 'a DOCTYPE after the root element has started');
        this.advance(end + 1);
      } else if (b.startsWith('<!', p)) {
        throw new XmlSyntaxError(this.line, 'malformed markup "<!": this is not well-formed XML');
      } else if (b.startsWith('</', p)) {
        const end = this.find('>', p + 2, final, 'an end tag', MAX_TAG_LENGTH);
        if (end === -1) return;
        this.endTag(b.slice(p + 2, end).trim());
        this.advance(end + 1);
      } else {
        const end = this.tagEnd(p, final);
        if (end === -1) return;
        const line = this.line;
        this.advance(end + 1);
        this.startTag(b.slice(p + 1, end), line);
      }
    }
  }

  /** Index of `delimiter` from `from`, or -1 to wait for more text (never at the end of the file). */
  private find(delimiter: string, from: number, final: boolean, what: string, limit = MAX_MARKUP_LENGTH): number {
    const found = this.buffer.indexOf(delimiter, Math.max(from, this.resumeAt));
    if (found !== -1) {
      this.resumeAt = 0;
      return found;
    }
    if (final) throw new XmlSyntaxError(this.line, `the file ends inside ${what}: it is cut short`);
    this.wait(this.buffer.length - delimiter.length + 1, limit, what);
    return -1;
  }

  private wait(resumeAt: number, limit: number, what: string): void {
    this.resumeAt = Math.max(this.pos, resumeAt);
    if (this.buffer.length - this.pos > limit) {
      throw new XmlSyntaxError(this.line, `${what} far longer than any real one: this is not a bank statement`);
    }
  }

  /** The ">" that ends the start tag at `p`, outside quoted attribute values. */
  private tagEnd(p: number, final: boolean): number {
    const b = this.buffer;
    let quote = 0;
    for (let i = p + 1; i < b.length; i += 1) {
      const c = b.charCodeAt(i);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) {
        quote = c;
      } else if (c === 0x3e /* > */) {
        return i;
      } else if (c === 0x3c /* < */) {
        throw new XmlSyntaxError(this.line, 'a "<" inside a tag: this is not well-formed XML');
      }
      if (i - p > MAX_TAG_LENGTH) throw new XmlSyntaxError(this.line, 'a tag far longer than any real one: this is not a bank statement');
    }
    if (final) throw new XmlSyntaxError(this.line, 'the file ends inside a tag: it is cut short');
    return -1;
  }

  /** The ">" that ends the DOCTYPE at `p`, after its internal subset if it has one. */
  private doctypeEnd(p: number, final: boolean): number {
    const b = this.buffer;
    const gt = b.indexOf('>', p);
    const bracket = b.indexOf('[', p);
    let end = gt;
    if (bracket !== -1 && (gt === -1 || bracket < gt)) {
      const close = b.indexOf(']', bracket);
      end = close === -1 ? -1 : b.indexOf('>', close);
    }
    if (end !== -1) return end;
    if (final) throw new XmlSyntaxError(this.line, 'the file ends inside its DOCTYPE: it is cut short');
    if (b.length - p > MAX_MARKUP_LENGTH) throw new XmlSyntaxError(this.line, 'a DOCTYPE far longer than any real one');
    return -1;
  }

  private characters(raw: string): void {
    if (this.open.length > 0) {
      this.events.text(decodeEntities(raw), this.line);
      return;
    }
    const content = raw.trimStart();
    if (content !== '') {
      const where = this.rootClosed ? 'after the end of the root element' : 'before the root element';
      const line = this.line + (raw.slice(0, raw.length - content.length).match(/\n/g)?.length ?? 0);
      throw new XmlSyntaxError(line, `text ${where}: this is not an XML file`);
    }
  }

  private startTag(content: string, line: number): void {
    const selfClosing = content.endsWith('/');
    const body = selfClosing ? content.slice(0, -1) : content;
    const name = TAG_NAME.exec(body)?.[0] ?? '';
    if (!NAME.test(name)) throw new XmlSyntaxError(line, 'a "<" that does not start a tag: this is not well-formed XML');
    const attributes: XmlAttribute[] = [];
    let index = name.length;
    while (index < body.length && body.slice(index).trim() !== '') {
      ATTRIBUTE.lastIndex = index;
      const match = ATTRIBUTE.exec(body);
      if (match === null) throw new XmlSyntaxError(line, `malformed attributes in <${name}>: this is not well-formed XML`);
      const attributeName = match[1] ?? '';
      attributes.push({ name: attributeName, localName: localNameOf(attributeName), value: decodeEntities(match[2] ?? match[3] ?? '') });
      index = ATTRIBUTE.lastIndex;
    }
    if (this.open.length === 0) {
      if (this.rootClosed) throw new XmlSyntaxError(line, 'a second root element: this is not well-formed XML');
      this.rootSeen = true;
    }
    const localName = localNameOf(name);
    this.events.startElement(name, localName, attributes, line);
    if (selfClosing) {
      this.events.endElement(name, localName, line);
      if (this.open.length === 0) this.rootClosed = true;
    } else {
      this.open.push({ name, line });
    }
  }

  private endTag(name: string): void {
    const top = this.open.pop();
    if (top === undefined) throw new XmlSyntaxError(this.line, `an end tag </${name}> with no element to close`);
    if (top.name !== name) {
      throw new XmlSyntaxError(this.line, `<${top.name}> (opened on line ${top.line}) is closed by </${name}>: this is not well-formed XML`);
    }
    this.events.endElement(name, localNameOf(name), this.line);
    if (this.open.length === 0) this.rootClosed = true;
  }

  /** Moves to `to`, counting the lines passed (each newline of the file is looked up once). */
  private advance(to: number): void {
    const b = this.buffer;
    let newline = this.nextNewline === -2 || (this.nextNewline >= 0 && this.nextNewline < this.pos) ? b.indexOf('\n', this.pos) : this.nextNewline;
    while (newline !== -1 && newline < to) {
      this.line += 1;
      newline = b.indexOf('\n', newline + 1);
    }
    this.nextNewline = newline;
    this.pos = to;
    this.resumeAt = 0;
  }
}
