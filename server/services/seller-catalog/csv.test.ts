// The CSV reader/writer and the import file checks: what a seller's spreadsheet can produce.
import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { CsvFormatError, decodeUtf8, parseCsv, restoreCell, serializeCsv } from "./csv";
import { formatMajor, parseMoney } from "@/shared/money";
import { COLUMN_NAMES, formatOptions, parseOptions } from "./format";
import { readImportFile } from "./read-import";

const enc = (s: string) => new TextEncoder().encode(s);
const HEADER = COLUMN_NAMES.join(",");
const GOOD_ROW = "tee-one,Tee One,t-shirts,ACTIVE,Soft tee,Acme,TEE-1-M,M,size=M; colour=Red,12.50,USD,7,3";

function malformedMessage(bytes: Uint8Array): string {
  try {
    readImportFile(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("VALIDATION");
    return (err as AppError).message;
  }
  throw new Error("expected the file to be refused");
}

describe("parseCsv", () => {
  it("reads plain records with their line numbers, CRLF or LF, skipping blank lines", () => {
    expect(parseCsv("a,b,c\r\n1,2,3\n\n4,5,6\n")).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "2", "3"] },
      { line: 4, fields: ["4", "5", "6"] },
    ]);
  });

  it("reads quoted fields holding commas, doubled quotes and new lines, and counts lines inside them", () => {
    const recs = parseCsv('name,desc\r\n"Smith, J","He said ""hi""\r\nand left"\r\nnext,"x"\r\n');
    expect(recs).toEqual([
      { line: 1, fields: ["name", "desc"] },
      { line: 2, fields: ["Smith, J", 'He said "hi"\r\nand left'] },
      { line: 4, fields: ["next", "x"] },
    ]);
  });

  it("keeps empty fields, including a trailing one and an empty quoted one", () => {
    expect(parseCsv('a,,"",\n')).toEqual([{ line: 1, fields: ["a", "", "", ""] }]);
  });

  it("drops a UTF-8 BOM and reads a last record without a final new line", () => {
    expect(parseCsv("\uFEFFa,b\n1,2")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "2"] },
    ]);
  });

  it.each([
    ['a,"unclosed\n1,2\n', /never closed/],
    ['a,"closed"junk\n', /after a closing quote/],
    ['a,b"c\n', /middle of an unquoted value/],
  ])("refuses broken quoting %j", (text, message) => {
    expect(() => parseCsv(text)).toThrow(CsvFormatError);
    expect(() => parseCsv(text)).toThrow(message);
  });

  it("round-trips anything through serializeCsv", () => {
    const rows = [
      ["plain", "with, comma", 'with "quote"', "multi\nline", "crlf\r\nline", "", " padded "],
      ["ünïcødé ✓", "=1+1", "a;b", "last"],
    ];
    expect(parseCsv(serializeCsv(rows)).map((r) => r.fields.map(restoreCell))).toEqual(rows);
  });

  it("writes cells a spreadsheet would run as formulas with a leading apostrophe, and reads them back", () => {
    const rows = [["=1+1", "+A1", "-2", "@SUM(A1)", "\tx", "\rx", "'=x", "''+x", "'plain", "a=b", "1-2"]];
    const written = parseCsv(serializeCsv(rows))[0]!.fields;
    expect(written).toEqual(["'=1+1", "'+A1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "''=x", "'''+x", "'plain", "a=b", "1-2"]);
    expect(written.map(restoreCell)).toEqual(rows[0]);
  });

});

describe("decodeUtf8", () => {
  it("accepts UTF-8 with or without a BOM", () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, ...enc("é,x")]))).toBe("é,x");
    expect(decodeUtf8(enc("é,x"))).toBe("é,x");
  });
  it("refuses UTF-16 (with a BOM or by its NUL bytes) and Latin-1 bytes, naming the line", () => {
    expect(() => decodeUtf8(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toThrow(/UTF-16/);
    expect(() => decodeUtf8(new Uint8Array([0x61, 0x00, 0x2c, 0x00]))).toThrow(/NUL/);
    expect(() => decodeUtf8(new Uint8Array([...enc("a,b\nok\ncaf"), 0xe9, ...enc("\n")]))).toThrow(/not valid UTF-8 \(line 3/);
  });
});

describe("money and options", () => {
  it.each([
    ["12.50", 1250],
    ["12.5", 1250],
    ["12", 1200],
    ["0.99", 99],
    [" 3.00 ", 300],
  ])("parses %j as %d minor units", (text, minor) => expect(parseMoney(text)).toBe(minor));
  it.each(["12,50", "-1", "1.234", "abc", "", "1e3", "$5"])("refuses %j as a price", (text) => expect(parseMoney(text)).toBeNull());
  it("formats minor units as major with two decimals", () => {
    expect([formatMajor(1250), formatMajor(5), formatMajor(100000)]).toEqual(["12.50", "0.05", "1000.00"]);
  });
  it("parses and formats options, refusing malformed ones", () => {
    expect(parseOptions("size=M; colour=Red")).toEqual({ ok: true, value: { size: "M", colour: "Red" } });
    expect(formatOptions({ size: "M", colour: "Red" })).toBe("size=M; colour=Red");
    expect(parseOptions("")).toEqual({ ok: true, value: {} });
    expect(parseOptions("size")).toMatchObject({ ok: false });
    expect(parseOptions("size=M; size=L")).toMatchObject({ ok: false, error: expect.stringMatching(/twice/) });
  });
});

describe("readImportFile", () => {
  it("reads a good file into typed rows", () => {
    const r = readImportFile(enc(`${HEADER}\n${GOOD_ROW}\n`));
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      {
        line: 2,
        slug: "tee-one",
        title: "Tee One",
        category: "t-shirts",
        status: "ACTIVE",
        description: "Soft tee",
        brand: "Acme",
        sku: "TEE-1-M",
        variantTitle: "M",
        options: { size: "M", colour: "Red" },
        priceMinor: 1250,
        currency: "USD",
        stock: 7,
        lowStockThreshold: 3,
      },
    ]);
  });

  it("accepts columns in any order and leaves optional ones out", () => {
    const r = readImportFile(enc("sku,price,stock,product_slug,product_title,category\nX-1,5,0,x,X,t-shirts\n"));
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({ sku: "X-1", priceMinor: 500, stock: 0, status: undefined, description: undefined });
  });

  it("reports bad values per line and column, keeping the good rows", () => {
    const bad = "tee-two,Tee Two,t-shirts,LIVE,,,TEE-2,,,12,50,USD,-3,x";
    const r = readImportFile(enc(`${HEADER}\n${GOOD_ROW}\n${bad}\ntee-3,,t-shirts,,,,TEE-3,,,abc,USD,1.5,\n`));
    expect(r.rows).toHaveLength(1);
    expect(r.errors).toContainEqual({ line: 3, message: "Expected 13 values, found 14" });
    expect(r.errors).toContainEqual({ line: 4, column: "product_title", message: "Missing product_title" });
    expect(r.errors).toContainEqual({ line: 4, column: "price", message: '"abc" is not a price (use e.g. 12.50)' });
    expect(r.errors).toContainEqual({ line: 4, column: "stock", message: '"1.5" is not a whole number of 0 or more' });
  });

  it.each([
    ["an empty file", enc(""), /empty/],
    ["only a BOM and blank lines", new Uint8Array([0xef, 0xbb, 0xbf, 0x0a, 0x0a]), /empty/],
    ["a header without rows", enc(`${HEADER}\n`), /no rows/],
    ["a missing column", enc("product_slug,product_title,category,sku,price\nx,X,t-shirts,S,1\n"), /Missing column: stock/],
    ["an unknown column", enc(`${HEADER},colour\n${GOOD_ROW},red\n`), /Unknown column "colour"/],
    ["a duplicated column", enc(`${HEADER},sku\n${GOOD_ROW},X\n`), /"sku" appears twice/],
    ["UTF-16", new Uint8Array([0xff, 0xfe, ...[...enc(HEADER)].flatMap((b) => [b, 0])]), /UTF-16/],
    ["Latin-1 bytes", new Uint8Array([...enc(`${HEADER}\ncaf`), 0xe9, ...enc(`,${GOOD_ROW.slice(8)}\n`)]), /not valid UTF-8/],
    ["a broken quote", enc(`${HEADER}\n"tee-one,${GOOD_ROW}\n`), /never closed/],
    ["too many bytes", new Uint8Array(10 * 1024 * 1024 + 1).fill(0x61), /too large/],
  ])("refuses %s as a whole", (_name, bytes, message) => {
    expect(malformedMessage(bytes)).toMatch(message);
  });
});
