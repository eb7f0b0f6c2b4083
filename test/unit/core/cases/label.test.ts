import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderReturnLabel, type LabelInput } from '../../../../main/core/cases/label';
import { decodeBarcodes, pdfText } from '../../../helpers/pdf';

const input: LabelInput = {
  format: 'a6',
  caseNumber: 'RET-2026-10042',
  reference: 'WWS-4711',
  shopName: 'Fahrrad Müller & Söhne',
  shopAddress: 'Große Straße 5, 10115 Berlin',
  customerName: 'Zoë Ørsted-Weiß',
  customerPhone: '+4915112345678',
  locale: 'de',
  createdAt: new Date(Date.UTC(2026, 11, 1)),
};

const MM = 72 / 25.4;

describe('return label', () => {
  it('A6: the shop address, the customer, the case number in text and as a Code 128 barcode', async () => {
    const pdf = await renderReturnLabel(input);
    const doc = await PDFDocument.load(pdf);
    const { width, height } = doc.getPage(0).getSize();
    expect(Math.round(width / MM)).toBe(105);
    expect(Math.round(height / MM)).toBe(148);
    const text = await pdfText(pdf);
    for (const s of ['Rücksendeetikett', 'Fahrrad Müller & Söhne', 'Große Straße 5', '10115 Berlin', 'Zoë Ørsted-Weiß', 'RET-2026-10042', 'WWS-4711']) {
      expect(text).toContain(s);
    }
    expect(decodeBarcodes(pdf)).toEqual(['CODE-128:RET-2026-10042']);
  });

  it('A4 in English', async () => {
    const pdf = await renderReturnLabel({ ...input, format: 'a4', locale: 'en' });
    const { width, height } = (await PDFDocument.load(pdf)).getPage(0).getSize();
    expect([Math.round(width / MM), Math.round(height / MM)]).toEqual([210, 297]);
    expect(await pdfText(pdf)).toContain('Return label');
    expect(decodeBarcodes(pdf)).toEqual(['CODE-128:RET-2026-10042']);
  });
});
