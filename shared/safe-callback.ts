/** Only same-site paths are followed after sign-in; anything else goes home. */
export function safeCallbackUrl(value: unknown): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v !== "string" || !v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\")) return "/";
  return v;
}
