// The seller's settings pages, in nav order: path below /seller/settings → link text. Add a
// settings page here and it appears in the settings nav (and /seller/settings opens the first).
export const SELLER_SETTINGS_SECTIONS: Record<string, string> = {
  "api-keys": "API keys",
  webhooks: "Webhooks",
  email: "Email",
  tax: "Tax",
};
