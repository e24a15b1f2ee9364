/**
 * A very small XML writer for the UBL export: elements are built as plain objects and written
 * out once, so escaping happens in exactly one place. Peppol refuses empty elements
 * (PEPPOL-EN16931-R008), so an element without text or children is left out rather than written
 * empty: optional data that is missing simply does not appear.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly text: string | undefined;
  readonly children: readonly XmlElement[];
}

/** What a child position may hold: missing optional parts are `undefined` (or `false`) and are skipped. */
export type XmlChild = XmlElement | undefined | false;

/**
 * Characters XML 1.0 cannot carry at all, not even escaped (C0 controls other than tab, line feed
 * and carriage return, lone surrogates, U+FFFE and U+FFFF). A name pasted from a PDF can hold one;
 * it is dropped so that the document stays well-formed.
 */
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: `&`, `<` and `>` escaped (`>` too, so that `]]>` never appears). */
export function escapeText(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value, always written between double quotes. */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function hasContent(text: string | undefined): text is string {
  return text !== undefined && text.replace(NOT_XML, '').trim() !== '';
}

/** A leaf element with text, or `undefined` when the text is missing or blank (the element is then left out). */
export function leaf(name: string, text: string | undefined | null, attributes: Readonly<Record<string, string>> = {}): XmlElement | undefined {
  const value = text ?? undefined;
  return hasContent(value) ? { name, attributes, text: value, children: [] } : undefined;
}

/** An element with children, or `undefined` when none of the children is present. */
export function node(name: string, children: readonly XmlChild[], attributes: Readonly<Record<string, string>> = {}): XmlElement | undefined {
  const present = children.filter((child): child is XmlElement => child !== undefined && child !== false);
  return present.length === 0 ? undefined : { name, attributes, text: undefined, children: present };
}

function attributesOf(element: XmlElement): string {
  return Object.entries(element.attributes)
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join('');
}

function write(element: XmlElement, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  const open = `${indent}<${element.name}${attributesOf(element)}`;
  if (element.children.length === 0) {
    out.push(`${open}>${escapeText(element.text ?? '')}</${element.name}>`);
    return;
  }
  out.push(`${open}>`);
  for (const child of element.children) write(child, depth + 1, out);
  out.push(`${indent}</${element.name}>`);
}

/** The whole document: XML declaration, the root element indented by two spaces, a final newline. */
export function serializeXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return `${out.join('\n')}\n`;
}
