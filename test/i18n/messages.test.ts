// The storefront's messages (docs/decisions.md 182, 183): German has exactly English's keys, each
// with the same placeholders and tags, and every message is valid ICU that formats. A key used in
// code but missing from messages/en.json is a type error (types/next-intl.d.ts: next-intl's
// AppConfig Messages); the last test proves that typing is in force.
import { describe, expect, it } from "vitest";
import { createTranslator, type useTranslations } from "next-intl";
import en from "@/messages/en.json";
import de from "@/messages/de.json";
import { localeFromAcceptLanguage, pickLocale, LOCALES } from "@/shared/locale";
import { ZDeliveryAddress, ADDRESS_FIELD_ORDER } from "@/shared/address";
import { issueKind } from "@/client/i18n-errors";
import { formatInZone } from "@/shared/dates";
import { formatMoney } from "@/shared/money";

type Tree = { [key: string]: string | Tree };

/** "a.b.c" -> message, for every leaf. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/**
 * The arguments ({name}, {count, plural, …}) and rich-text tags (<link>…</link>) of an ICU
 * message, sorted. A small reader of the ICU syntax next-intl uses: plural and select options'
 * sub-messages are read recursively (their words are not arguments); quoting syntax with an
 * apostrophe is not used in our messages and is refused.
 */
export function placeholders(message: string): string[] {
  const found = new Set<string>();
  let i = 0;
  const readMessage = (untilBrace: boolean) => {
    while (i < message.length) {
      const c = message[i]!;
      // An apostrophe is a plain one unless it quotes syntax ('{'), which our messages never do.
      if (c === "'" && /['{}<#|]/.test(message[i + 1] ?? "")) throw new Error(`ICU quoting is not used in our messages: ${message}`);
      if (c === "}" && untilBrace) return;
      if (c === "<") {
        const m = /^<\/?([A-Za-z][\w-]*)>/.exec(message.slice(i));
        if (m) {
          if (!message.startsWith("</", i)) found.add(`<${m[1]}>`);
          i += m[0].length;
          continue;
        }
      }
      if (c === "{") {
        i++;
        const m = /^\s*([A-Za-z_]\w*)\s*(?:,\s*(\w+)\s*)?/.exec(message.slice(i));
        if (!m) throw new Error(`unreadable argument at ${i} in ${message}`);
        found.add(m[1]!);
        i += m[0].length;
        if (m[2] === "plural" || m[2] === "select" || m[2] === "selectordinal") {
          if (message[i] !== ",") throw new Error(`options expected in ${message}`);
          i++;
          // key {sub-message} key {sub-message} … }
          for (;;) {
            const opt = /^\s*(=?[\w-]+)\s*\{/.exec(message.slice(i));
            if (!opt) break;
            i += opt[0].length;
            readMessage(true);
            i++; // the option's }
          }
          const end = /^\s*\}/.exec(message.slice(i));
          if (!end) throw new Error(`unclosed ${m[2]} in ${message}`);
          i += end[0].length;
        } else {
          // {name} or {name, number} / {name, date, short}
          const end = message.indexOf("}", i);
          if (end < 0) throw new Error(`unclosed argument in ${message}`);
          i = end + 1;
        }
        continue;
      }
      i++;
    }
  };
  readMessage(false);
  return [...found].sort();
}

const enFlat = flatten(en as Tree);
const deFlat = flatten(de as Tree);

describe("messages/en.json and messages/de.json", () => {
  it("have exactly the same keys", () => {
    expect([...deFlat.keys()].sort()).toEqual([...enFlat.keys()].sort());
    expect(enFlat.size).toBeGreaterThan(300);
  });

  it("give every key the same placeholders and tags in both languages", () => {
    const differ: string[] = [];
    for (const [key, message] of enFlat) {
      const other = deFlat.get(key);
      if (other === undefined) continue;
      if (placeholders(message).join() !== placeholders(other).join()) differ.push(`${key}: ${placeholders(message).join()} vs ${placeholders(other).join()}`);
    }
    expect(differ).toEqual([]);
  });

  it("reads placeholders, not the words of plural options", () => {
    expect(placeholders("{count, plural, one {item} other {# items}} in <link>{name}</link>")).toEqual(["<link>", "count", "name"]);
  });

  it("are valid ICU that formats in each language", () => {
    for (const [locale, messages, flat] of [["en", en, enFlat], ["de", de, deFlat]] as const) {
      const errors: string[] = [];
      const t = createTranslator({ locale, messages: messages as typeof en, onError: (e) => errors.push(e.message) });
      for (const [key, message] of flat) {
        const values: Record<string, unknown> = {};
        for (const p of placeholders(message)) {
          if (p.startsWith("<")) values[p.slice(1, -1)] = (chunks: unknown) => chunks;
          else values[p] = 2;
        }
        const formatted = t.rich(key as never, values as never);
        expect(formatted, `${locale} ${key}`).toBeTruthy();
      }
      expect(errors).toEqual([]);
    }
  });

  it("differ from English for the German storefront's main words (nothing left untranslated by copy)", () => {
    const same = [...enFlat].filter(([k, v]) => deFlat.get(k) === v && /[a-z]{4,}/.test(v)).map(([k]) => k);
    // Words that are the same in German (brand, "Status", "Name", …) are few.
    expect(same.length).toBeLessThan(15);
  });
});

describe("the shopper's language", () => {
  it("comes from the lm_locale cookie, else Accept-Language (de* is German), else English", () => {
    expect(LOCALES).toEqual(["en", "de"]);
    expect(pickLocale("de", "en-US,en;q=0.9")).toBe("de");
    expect(pickLocale("en", "de-DE")).toBe("en");
    expect(pickLocale(undefined, "de-DE,de;q=0.9,en;q=0.8")).toBe("de");
    expect(pickLocale(undefined, "de-AT")).toBe("de");
    expect(pickLocale("fr", "fr-FR,de;q=0.5")).toBe("de");
    expect(pickLocale(undefined, "fr-FR")).toBe("en");
    expect(pickLocale(undefined, null)).toBe("en");
    expect(pickLocale("xx", "")).toBe("en");
    expect(localeFromAcceptLanguage("en;q=0.5, de;q=0.8")).toBe("de");
    expect(localeFromAcceptLanguage("de;q=0, en")).toBe("en");
  });
});

describe("address errors in German", () => {
  const valid = { name: "Ada", phone: "+49 30 1234567", email: "ada@example.com", address: "Hauptstr. 1", city: "Berlin", zip: "10115", region: "" };
  const cases: [field: string, value: string][] = [
    ["name", ""], ["name", "x".repeat(201)],
    ["phone", ""], ["phone", "call me"],
    ["email", ""], ["email", "not-an-email"], ["email", `${"x".repeat(250)}@example.com`],
    ["address", ""], ["address", "x".repeat(301)],
    ["city", ""], ["city", "x".repeat(101)],
    ["zip", ""], ["zip", "x".repeat(21)],
    ["region", "x".repeat(101)],
    ["country", ""], ["country", "XX"],
  ];
  it.each(cases)("%s = %j has a message of its own for its field and kind", (field, value) => {
    const parsed = ZDeliveryAddress.safeParse({ ...valid, [field]: value });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues.find((i) => i.path[0] === field)!;
    const { kind } = issueKind(issue);
    const key = `validation.${field}.${kind}`;
    expect(deFlat.get(key), key).toBeTruthy();
    // English words for the same key repeat the schema's message (with its figure).
    const t = createTranslator({ locale: "en", messages: en });
    const max = "maximum" in issue ? Number(issue.maximum) : 0;
    expect(t(key as never, { max } as never)).toBe(issue.message);
  });
  it("covers every address field", () => {
    expect(new Set(cases.map(([f]) => f))).toEqual(new Set(ADDRESS_FIELD_ORDER));
  });
});

describe("dates and money in the shopper's language", () => {
  it("writes a date and an amount the German way", () => {
    const when = new Date("2026-12-02T20:41:00Z");
    expect(formatInZone(when, "Europe/Berlin", "date", "de-DE")).toBe("2. Dez. 2026");
    expect(formatInZone(when, "Europe/Berlin", "date")).toBe("Dec 2, 2026");
    expect(formatMoney(123456, "USD", "de-DE").replace(/\s/g, " ")).toBe("1.234,56 $");
    expect(formatMoney(123456, "USD")).toBe("$1,234.56");
  });
});

// Compiled, never run: a key that messages/en.json does not have is a type error (npm run typecheck).
export function typedKeys(t: ReturnType<typeof useTranslations<"cart">>) {
  t("title");
  // @ts-expect-error "noSuchKey" is not a message of the cart
  t("noSuchKey");
}
