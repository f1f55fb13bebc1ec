/**
 * Streams an open dataset as CSV (UTF-8 with a byte-order mark, so office software reads the
 * Chinese correctly; Chinese names for coded values) or JSON (codes, with the licence and the
 * generated-at time in the document itself). Batches are written as they are read.
 */
import { stringify } from 'csv-stringify/sync';
import { openDataRows } from '../../../db/queries/registry/open-data';
import type { Db } from '../../../db/client';
import type { IsoDate } from '../../domain/shared/dates';
import { csvCells, DATASETS, OPEN_DATA_LICENCE, type OpenColumnKind, type OpenDataset, type OpenFormat } from '../../domain/registry/open-data';
import { departmentName, fieldName, label, streetName } from '../../i18n/labels';

/** The Chinese name of a coded value, as the pages show it. */
export function openValueName(kind: OpenColumnKind, code: string): string {
  switch (kind) {
    case 'field':
      return fieldName(code);
    case 'department':
      return departmentName(code);
    case 'street':
      return streetName(code);
    case 'licenceState':
      return label('licenceState', code);
    default:
      return label(kind, code);
  }
}

export const CONTENT_TYPES: Record<OpenFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
};

export function openDataStream(db: Db, dataset: OpenDataset, format: OpenFormat, today: IsoDate, generatedAt: Date): ReadableStream<Uint8Array> {
  const info = DATASETS[dataset];
  const encoder = new TextEncoder();
  const batches = openDataRows(db, dataset, today);
  let first = true;
  return new ReadableStream({
    async start(controller) {
      if (format === 'csv') {
        controller.enqueue(encoder.encode(`\uFEFF${stringify([info.columns.map((c) => c.header)], { record_delimiter: 'windows' })}`));
      } else {
        const head = {
          dataset: info.id,
          title: info.title,
          description: info.description,
          licence: OPEN_DATA_LICENCE,
          generatedAt: generatedAt.toISOString(),
          asOf: today,
          columns: info.columns.map(({ key, header, description }) => ({ key, header, description })),
        };
        controller.enqueue(encoder.encode(`${JSON.stringify(head).slice(0, -1)},"rows":[`));
      }
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        if (format === 'json') controller.enqueue(encoder.encode(']}\n'));
        controller.close();
        return;
      }
      if (format === 'csv') {
        controller.enqueue(encoder.encode(stringify(next.value.map((r) => csvCells(info, r, openValueName)), { record_delimiter: 'windows' })));
      } else {
        const text = next.value.map((r) => JSON.stringify(r)).join(',');
        controller.enqueue(encoder.encode(first ? text : `,${text}`));
        first = false;
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
