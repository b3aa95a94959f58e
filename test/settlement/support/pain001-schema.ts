// Validates a pain.001 file against the EPC's SEPA credit transfer schema (test/fixtures/iso20022)
// with xmllint-wasm: libxml2's own validator, compiled to WebAssembly, so no native tool or binding
// is needed on the machine that runs the tests.
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

const SCHEMA = readFileSync(new URL('../../fixtures/iso20022/pain.001.001.09.xsd', import.meta.url), 'utf8');

/** The schema's complaints about the file; empty when it is valid. */
export async function pain001SchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'payment.xml', contents: xml }],
    schema: [{ fileName: 'pain.001.001.09.xsd', contents: SCHEMA }],
  });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}
