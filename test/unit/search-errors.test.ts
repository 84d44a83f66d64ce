// The guide search offers a "Tra lỗi" entry above the guides when what was typed
// is part of a message an app shows (site/scripts/search/search.ts, errorHits).
import { describe, expect, it } from 'vitest';
import { errorHits, searchesErrorPages } from '../../site/scripts/search/search.ts';
import type { ErrorIndexEntry } from '../../site/utils/error-match.ts';

const entry = (url: string, message: string, app = 'VNeID'): ErrorIndexEntry => ({ url, message, app });
const entries = [
  entry('/tra-loi/bao-tri/', 'Hệ thống đang bảo trì. Vui lòng thử lại sau'),
  entry('/tra-loi/ket-noi/', 'Kết nối tới hệ thống thất bại'),
  entry('/tra-loi/nfc/', 'Xin lỗi! Thiết bị của quý khách không hỗ trợ tính năng này', 'Ứng dụng ngân hàng'),
];
const urls = (query: string) => errorHits(entries, query).map((hit) => hit.url);

describe('errorHits', () => {
  it('finds the message from its wording, without diacritics, partly, or pasted', () => {
    expect(urls('he thong dang bao tri')).toEqual(['/tra-loi/bao-tri/']);
    expect(urls('Thiết bị của quý khách không hỗ trợ')).toEqual(['/tra-loi/nfc/']);
    expect(urls('“Kết nối tới hệ thống\nthất bại”')).toEqual(['/tra-loi/ket-noi/']);
    expect(urls('thiet bi khong ho tr')).toEqual(['/tra-loi/nfc/']);
  });

  it('offers at most two, as error hits with the message quoted and highlighted, and the app under it', () => {
    expect(urls('he thong')).toEqual(['/tra-loi/bao-tri/', '/tra-loi/ket-noi/']);
    const [hit] = errorHits(entries, 'bao tri');
    expect(hit?.kind).toBe('error');
    expect(hit?.title.map((p) => p.text).join('')).toBe('“Hệ thống đang bảo trì. Vui lòng thử lại sau”');
    expect(hit?.title.filter((p) => p.mark).map((p) => p.text)).toEqual(['bảo', 'trì']);
    expect(hit?.excerpt).toEqual([{ text: 'VNeID', mark: false }]);
  });

  it('offers nothing for a word no message has, an empty box, or one short word', () => {
    expect(urls('mat khau')).toEqual([]);
    expect(urls('  ')).toEqual([]);
    expect(urls('loi')).toEqual([]);
    expect(urls('thatbai')).toEqual([]);
    expect(urls('thiet')).toEqual([]);
    expect(urls('khach')).toEqual([]);
  });
});

describe('searchesErrorPages', () => {
  it('searches the entries’ pages (Pagefind) only for a sentence no message holds, not for a topic of a few words', () => {
    expect(searchesErrorPages('khong doc duoc chip can cuoc')).toBe(true);
    expect(searchesErrorPages('“Không đọc được, chip…”  thẻ')).toBe(true);
    expect(searchesErrorPages('tam tru vneid')).toBe(false);
    expect(searchesErrorPages('mat khau')).toBe(false);
  });
});
