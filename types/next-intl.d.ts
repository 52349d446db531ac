// Typed messages (docs/decisions.md 183): a key missing from messages/en.json is a type error at
// t("…"), and shared/i18n-messages.test.ts holds de.json to the same keys and placeholders.
import type en from "@/messages/en.json";
import type { AppLocale } from "@/shared/locale";

declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof en;
  }
}
