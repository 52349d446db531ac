// What the sign-in endpoint answers about the second step (next-auth passes a thrown message to
// the client as `error`), and where staff are sent to set two-factor up.
export const TWO_FACTOR_SIGN_IN_ERRORS = {
  /** the password is right; send it again with a code */
  required: "TWO_FACTOR_REQUIRED",
  invalid: "TWO_FACTOR_INVALID",
  /** followed by the seconds to wait */
  rateLimitedPrefix: "TWO_FACTOR_RATE_LIMITED:",
} as const;

export const SECURITY_PAGE = "/account/security";
