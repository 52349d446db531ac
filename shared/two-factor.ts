// What the sign-in endpoint answers about the second step (next-auth passes a thrown message to
// the client as `error`), and where staff are sent to set two-factor up.
export const TWO_FACTOR_SIGN_IN_ERRORS = {
  /** the password is right; send it again with a code */
  required: "TWO_FACTOR_REQUIRED",
  invalid: "TWO_FACTOR_INVALID",
  /** followed by the seconds to wait */
  rateLimitedPrefix: "TWO_FACTOR_RATE_LIMITED:",
} as const;

/** The password was right but the account is disabled (never said for a wrong password). */
export const ACCOUNT_DISABLED_ERROR = "ACCOUNT_DISABLED";
export const ACCOUNT_DISABLED_MESSAGE = "This account is disabled. Contact the shop if you think this is a mistake.";

export const SECURITY_PAGE = "/account/security";
