/**
 * The one body reader (src/server/http/body.ts): a body past the limit is refused without being
 * read whole (unread when Content-Length says so, and no further than the first chunk past the
 * limit otherwise), and each kind of body (form, form with checkbox groups, upload, JSON) reads
 * as its callers expect.
 */
import { describe, expect, it } from 'vitest';
import { readFormBody, readFormData, readFormWithLists, readJsonBody, readLimited } from '../../../src/server/http/body';
import { hugeBody, streamingPost } from '../../support/bodies';

const MB = 1024 * 1024;
const JSON_TYPE = { 'content-type': 'application/json' };

const post = (body: BodyInit | null, headers: Record<string, string> = {}) => streamingPost('http://127.0.0.1/x', body, headers);

describe('readLimited', () => {
  it('stops reading a body of unknown length once it passes the limit, and cancels the rest', async () => {
    const { stream, seen } = hugeBody(50 * MB);
    expect(await readLimited(post(stream), 16 * 1024)).toBeNull();
    expect(seen.pulled).toBeLessThanOrEqual(16 * 1024 + 64 * 1024);
    expect(seen.cancelled).toBe(true);
  });

  it('refuses a declared Content-Length past the limit without reading a byte', async () => {
    const { stream, seen } = hugeBody(50 * MB);
    expect(await readLimited(post(stream, { 'content-length': String(50 * MB) }), 16 * 1024)).toBeNull();
    expect(seen.pulled).toBe(0);
  });

  it('reads a body of exactly the limit whole, across chunks', async () => {
    const { stream } = hugeBody(10_000, 3_000);
    const bytes = await readLimited(post(stream), 10_000);
    expect(bytes?.byteLength).toBe(10_000);
    expect(bytes?.every((b) => b === 0x61)).toBe(true);
  });

  it('reads no body as no bytes', async () => {
    expect(await readLimited(new Request('http://127.0.0.1/x'), 10)).toEqual(new Uint8Array(0));
  });
});

describe('readFormBody and readFormWithLists', () => {
  const URLENCODED = { 'content-type': 'application/x-www-form-urlencoded' };

  it('gives the first value of each field of a url-encoded or multipart form', async () => {
    expect(await readFormBody(post('a=1&b=%E4%BD%A0&a=2', URLENCODED), 1024)).toEqual({ kind: 'ok', values: { a: '1', b: '你' } });
    const form = new FormData();
    form.append('a', 'x');
    form.append('file', new File(['data'], 'f.txt'));
    expect(await readFormBody(post(form), 1024)).toEqual({ kind: 'ok', values: { a: 'x' } });
  });

  it('keeps every value of a checkbox group, none when nothing was ticked', async () => {
    expect(await readFormWithLists(post('x=1&box=a&box=b', URLENCODED), 1024, ['box', 'other'])).toEqual({
      kind: 'ok',
      values: { x: '1', box: ['a', 'b'], other: [] },
    });
  });

  it('reads no content type and no body as an empty form', async () => {
    expect(await readFormBody(post(null), 1024)).toEqual({ kind: 'ok', values: {} });
  });

  it('names a content type that is not a form, and refuses a broken multipart body', async () => {
    expect(await readFormBody(post('{}', { 'content-type': 'Application/JSON; charset=utf-8' }), 1024)).toEqual({ kind: 'unsupported', contentType: 'application/json' });
    expect(await readFormBody(post('garbage', { 'content-type': 'multipart/form-data; boundary=zzz' }), 1024)).toEqual({ kind: 'malformed' });
  });

  it('refuses a form past the limit, whatever its type', async () => {
    const { stream, seen } = hugeBody(50 * MB);
    expect(await readFormWithLists(post(stream, URLENCODED), 64 * 1024, ['box'])).toEqual({ kind: 'too_large' });
    expect(seen.pulled).toBeLessThan(50 * MB);
    expect(await readFormBody(post('a'.repeat(2000), { 'content-type': 'text/plain' }), 1024)).toEqual({ kind: 'too_large' });
  });
});

describe('readFormData (uploads)', () => {
  it('keeps the files of a multipart form', async () => {
    const form = new FormData();
    form.append('kind', 'institutions');
    form.append('file', new File(['a,b\n1,2\n'], '机构.csv', { type: 'text/csv' }));
    const body = await readFormData(post(form), 1024);
    if (body.kind !== 'ok') throw new Error(`expected a form, got ${body.kind}`);
    const file = body.form.get('file');
    expect(file).toBeInstanceOf(File);
    expect(await (file as File).text()).toBe('a,b\n1,2\n');
    expect((file as File).name).toBe('机构.csv');
    expect(body.form.get('kind')).toBe('institutions');
  });

  it('reads a url-encoded form too (the import confirmation carries no file)', async () => {
    const body = await readFormData(post('intent=confirm&sha256=ab', { 'content-type': 'application/x-www-form-urlencoded' }), 1024);
    expect(body.kind === 'ok' && Object.fromEntries(body.form)).toEqual({ intent: 'confirm', sha256: 'ab' });
  });

  it('refuses an upload past the limit, another content type, and a broken body', async () => {
    const { stream, seen } = hugeBody(50 * MB);
    expect(await readFormData(post(stream, { 'content-type': 'multipart/form-data; boundary=x' }), 5 * MB)).toEqual({ kind: 'too_large' });
    expect(seen.pulled).toBeLessThanOrEqual(5 * MB + 64 * 1024);
    expect(await readFormData(post('x'), 1024)).toEqual({ kind: 'unsupported', contentType: 'text/plain' });
    expect(await readFormData(post('garbage', { 'content-type': 'multipart/form-data; boundary=zzz' }), 1024)).toEqual({ kind: 'malformed' });
  });
});

describe('readJsonBody', () => {


  it('parses a JSON body', async () => {
    expect(await readJsonBody(post('{"tenant":"x","n":[1]}', JSON_TYPE), 1024)).toEqual({ kind: 'ok', value: { tenant: 'x', n: [1] } });
  });

  it('refuses another content type before reading anything', async () => {
    const { stream, seen } = hugeBody(MB);
    expect(await readJsonBody(post(stream, { 'content-type': 'text/plain' }), 1024)).toEqual({ kind: 'unsupported', contentType: 'text/plain' });
    expect(seen.pulled).toBe(0);
  });

  it('refuses a body past the limit, declared or not', async () => {
    const declared = hugeBody(50 * MB);
    expect(await readJsonBody(post(declared.stream, { ...JSON_TYPE, 'content-length': String(50 * MB) }), 16 * 1024)).toEqual({ kind: 'too_large' });
    expect(declared.seen.pulled).toBe(0);
    const chunked = hugeBody(50 * MB);
    expect(await readJsonBody(post(chunked.stream, JSON_TYPE), 16 * 1024)).toEqual({ kind: 'too_large' });
    expect(chunked.seen.pulled).toBeLessThanOrEqual(16 * 1024 + 64 * 1024);
  });

  it('calls no body, bad JSON and bytes that are not UTF-8 malformed', async () => {
    expect(await readJsonBody(post(null, JSON_TYPE), 1024)).toEqual({ kind: 'malformed' });
    expect(await readJsonBody(post('{"tenant":', JSON_TYPE), 1024)).toEqual({ kind: 'malformed' });
    expect(await readJsonBody(post(new Uint8Array([0x22, 0xff, 0x22]), JSON_TYPE), 1024)).toEqual({ kind: 'malformed' });
  });
});

describe('the input gate in every reader', () => {
  const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

  it('refuses a form whose field holds a NUL, naming the field, and gives the values back without it', async () => {
    const body = await readFormBody(post('name=%E6%99%AE%E9%99%80&description=%E5%A4%9A%00%E6%94%B6', FORM), 1024);
    expect(body).toMatchObject({ kind: 'bad_text', field: 'description', values: { name: '普陀', description: '多收' } });
    if (body.kind === 'bad_text') expect(body.message).toContain('U+0000');
  });

  it('keeps checkbox groups in a refused form, so the page can show it again', async () => {
    const body = await readFormWithLists(post('note=a%01b&assisting=x&assisting=y', FORM), 1024, ['assisting']);
    expect(body).toMatchObject({ kind: 'bad_text', field: 'note', values: { note: 'ab', assisting: ['x', 'y'] } });
  });

  it('brings every field to NFC', async () => {
    expect(await readFormBody(post('name=Cafe%CC%81', FORM), 1024)).toEqual({ kind: 'ok', values: { name: 'Café' } });
  });

  it('refuses a JSON string with an escaped NUL, with its path', async () => {
    const body = await readJsonBody(post('{"tenant":"x","address":"a\\u0000b"}', JSON_TYPE), 1024);
    expect(body).toMatchObject({ kind: 'bad_text', field: 'address' });
  });

  it('refuses an upload whose text field or file name holds a control character', async () => {
    const form = new FormData();
    form.append('kind', 'licences');
    form.append('file', new File(['a,b'], 'list\u0007.csv'));
    expect(await readFormData(new Request('http://127.0.0.1/x', { method: 'POST', body: form }), 1024)).toMatchObject({ kind: 'bad_text', field: 'file' });
  });
});
