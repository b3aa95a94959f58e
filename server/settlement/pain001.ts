// A payment file as the bank reads it: an ISO 20022 customer credit transfer initiation,
// pain.001.001.09, in the form of the EPC's SEPA Credit Transfer customer-to-bank implementation
// guidelines (EPC132-08, the version the SCT rulebook uses from November 2025; the .03 form it
// replaces is no longer accepted by banks from then). One payment instruction (PmtInf) debits the
// programme's account once per file (batch booking) with one transaction per centre's statement.
// Amounts are written from the stored NUMERIC text (two decimals), never through a float, and the
// control sums are the Decimal sums of exactly the amounts written.
// The file's text is built with xmlbuilder2, which escapes every value; the names are reduced to
// the SEPA character set (EPC217-08: Latin letters, digits and / - ? : ( ) . , ' + space), since a
// bank may refuse or mangle anything else.
import { Decimal } from 'decimal.js';
import { create } from 'xmlbuilder2';
import type { PaymentFile } from './payment-file-store.js';

export const PAIN001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

/** Text in the SEPA character set: accents dropped (é -> e), anything else outside it as a space. */
export function sepaText(text: string, maxLength: number): string {
  const latin = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return latin.slice(0, maxLength).trim() || '-';
}

/** The control sum of amounts as written (two decimals). */
export const controlSum = (amounts: readonly string[]) => amounts.reduce((sum, amount) => sum.plus(amount), new Decimal(0)).toFixed(2);

/** ISO date-time in UTC to the second, as the group header's creation time. */
const creationTime = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function pain001Xml(file: PaymentFile): string {
  const amounts = file.items.map((item) => new Decimal(item.amount).toFixed(2));
  const sum = controlSum(amounts);
  const document = {
    Document: {
      '@xmlns': PAIN001_NAMESPACE,
      CstmrCdtTrfInitn: {
        GrpHdr: {
          MsgId: file.message_id,
          CreDtTm: creationTime(file.created_at),
          NbOfTxs: String(file.items.length),
          CtrlSum: sum,
          InitgPty: { Nm: sepaText(file.debtor_name, 70) },
        },
        PmtInf: {
          PmtInfId: file.message_id,
          PmtMtd: 'TRF',
          BtchBookg: 'true',
          NbOfTxs: String(file.items.length),
          CtrlSum: sum,
          PmtTpInf: { SvcLvl: { Cd: 'SEPA' } },
          ReqdExctnDt: { Dt: file.execution_date },
          Dbtr: { Nm: sepaText(file.debtor_name, 70) },
          DbtrAcct: { Id: { IBAN: file.debtor_iban } },
          DbtrAgt: { FinInstnId: { BICFI: file.debtor_bic } },
          ChrgBr: 'SLEV',
          CdtTrfTxInf: file.items.map((item, index) => ({
            PmtId: { EndToEndId: item.end_to_end_id },
            Amt: { InstdAmt: { '@Ccy': file.currency, '#': amounts[index] } },
            CdtrAgt: { FinInstnId: { BICFI: item.creditor_bic } },
            Cdtr: { Nm: sepaText(item.creditor_name, 70) },
            CdtrAcct: { Id: { IBAN: item.creditor_iban } },
            RmtInf: { Ustrd: sepaText(item.remittance, 140) },
          })),
        },
      },
    },
  };
  return create({ version: '1.0', encoding: 'UTF-8' }, document).end({ prettyPrint: true });
}
