import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesTerms, queryTerms } from '../../src/core/search';

const matches = (text: string, query: string) => matchesTerms(foldForSearch(text), queryTerms(query));

describe('foldForSearch', () => {
  it('removes diacritics, đ and case', () => {
    expect(foldForSearch('Nguyễn Văn Đức')).toBe('nguyen van duc');
  });

  it('folds both đ and Đ to d', () => {
    expect(foldForSearch('Đặng đình')).toBe('dang dinh');
  });

  it('folds letters with stacked diacritics (ặ ỗ ự ử) to their base letters', () => {
    expect(foldForSearch('ặ ỗ ự ử')).toBe('a o u u');
    expect(foldForSearch('Lường Thị Thủy')).toBe('luong thi thuy');
    expect(foldForSearch('Phùng Ngọc Hường')).toBe('phung ngoc huong');
  });

  it('folds every Vietnamese vowel form to its base letter', () => {
    expect(foldForSearch('aáàảãạăắằẳẵặâấầẩẫậ')).toBe('a'.repeat(18));
    expect(foldForSearch('eéèẻẽẹêếềểễệ')).toBe('e'.repeat(12));
    expect(foldForSearch('iíìỉĩị')).toBe('i'.repeat(6));
    expect(foldForSearch('oóòỏõọôốồổỗộơớờởỡợ')).toBe('o'.repeat(18));
    expect(foldForSearch('uúùủũụưứừửữự')).toBe('u'.repeat(12));
    expect(foldForSearch('yýỳỷỹỵ')).toBe('y'.repeat(6));
    expect(foldForSearch('ÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬ')).toBe('a'.repeat(17));
    expect(foldForSearch('ƠỚỜỞỠỢƯỨỪỬỮỰ')).toBe('oooooouuuuuu');
  });

  it('folds composed (NFC) and decomposed (NFD) input the same', () => {
    const nfc = 'Nguyễn Đặng'.normalize('NFC');
    const nfd = 'Nguyễn Đặng'.normalize('NFD');
    expect(nfc).not.toBe(nfd);
    expect(foldForSearch(nfd)).toBe(foldForSearch(nfc));
    expect(foldForSearch(nfd)).toBe('nguyen dang');
    // Hand-written decomposition: e + circumflex + tilde.
    expect(foldForSearch('Nguye\u0302\u0303n')).toBe('nguyen');
  });

  it('collapses runs of whitespace (spaces, tabs, newlines) and trims', () => {
    expect(foldForSearch('  Nông   Văn\tTâm \n ')).toBe('nong van tam');
  });

  it('keeps digits and punctuation', () => {
    expect(foldForSearch('Xóm Nà Pài 1, số 12')).toBe('xom na pai 1, so 12');
  });
});

describe('queryTerms', () => {
  it('splits into folded words, ignoring extra spaces', () => {
    expect(queryTerms('  Nguyễn   VĂN ')).toEqual(['nguyen', 'van']);
  });

  it('an empty or blank query has no terms', () => {
    expect(queryTerms('')).toEqual([]);
    expect(queryTerms('   \t ')).toEqual([]);
  });
});

describe('matchesTerms', () => {
  it("'nguyen van' finds 'Nguyễn Văn Tâm'", () => {
    expect(matches('Nguyễn Văn Tâm', 'nguyen van')).toBe(true);
  });

  it("'d' finds 'Đặng'", () => {
    expect(matches('Đặng Thị Mai', 'd')).toBe(true);
    expect(matches('Đặng Thị Mai', 'dang')).toBe(true);
  });

  it('a query typed with diacritics finds the same name', () => {
    expect(matches('Nguyen Van Tam', 'Nguyễn')).toBe(true);
  });

  it('ignores case', () => {
    expect(matches('nguyễn văn tâm', 'NGUYEN TAM')).toBe(true);
    expect(matches('NGUYỄN VĂN TÂM', 'nguyen tam')).toBe(true);
  });

  it('tolerates multiple spaces in the query', () => {
    expect(matches('Nguyễn Văn Tâm', '  nguyen    tam  ')).toBe(true);
  });

  it('matches words in any order', () => {
    expect(matches('Nguyễn Văn Tâm', 'tam nguyen')).toBe(true);
  });

  it('fails when any word is absent', () => {
    expect(matches('Nguyễn Văn Tâm', 'nguyen hung')).toBe(false);
    expect(matches('Nguyễn Văn Tâm', 'hoang')).toBe(false);
  });

  it('does not confuse letters that differ only by diacritic base (o vs u)', () => {
    expect(matches('Lường', 'long')).toBe(false);
  });

  it('an empty query matches everything', () => {
    expect(matchesTerms('nguyen van tam', queryTerms(''))).toBe(true);
    expect(matchesTerms('', [])).toBe(true);
  });
});
