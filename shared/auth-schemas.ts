import { z } from "zod";
import { zText } from "@/shared/text";

export const ZEmail = zText({ error: "Enter your email" })
  .trim()
  .toLowerCase()
  .max(254, "That email is too long")
  .pipe(z.email({ error: "Enter a valid email address" }));

/** The shortest password anyone may choose; forms show it and check it before sending. */
export const MIN_PASSWORD_LENGTH = 10;

/** A password someone chooses (registration, password change, reset). */
export const ZNewPassword = zText({ error: "Choose a password" })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, "Keep your password under 200 characters");

export const ZRegisterInput = z.object({
  name: zText({ error: "Enter your name" }).trim().min(1, "Enter your name").max(100, "Keep your name under 100 characters"),
  email: ZEmail,
  password: ZNewPassword,
});
export type TRegisterInput = z.infer<typeof ZRegisterInput>;

/** A two-factor code as typed: six digits from the app, or a recovery code (xxxx-xxxx-xxxx-xxxx). */
export const ZTwoFactorCode = zText({ error: "Enter the code" }).trim().min(1, "Enter the code").max(64, "That code is too long");

export const ZSignInInput = z.object({
  email: ZEmail,
  password: zText().min(1, "Enter your password").max(200),
  // The second step, for accounts with two-factor on (sent with the password again). Empty = none.
  code: zText()
    .trim()
    .max(64, "That code is too long")
    .optional()
    .transform((v) => v || undefined),
});
export type TSignInInput = z.infer<typeof ZSignInInput>;

export const ZChangePasswordInput = z
  .object({
    currentPassword: zText({ error: "Enter your current password" }).min(1, "Enter your current password").max(200),
    newPassword: ZNewPassword,
  })
  .refine((d) => d.currentPassword !== d.newPassword, { path: ["newPassword"], message: "Choose a password different from your current one" });
export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;

/** A session id as the security page names it. */
export const ZRevokeSessionInput = z.object({ sessionId: zText().min(1).max(64) });

export const ZRequestPasswordResetInput = z.object({ email: ZEmail });
export type TRequestPasswordResetInput = z.infer<typeof ZRequestPasswordResetInput>;

/** The token of a reset link: 32 random bytes, base64url (43 characters). */
export const ZResetToken = zText({ error: "This reset link is incomplete" })
  .regex(/^[A-Za-z0-9_-]{43}$/, "This reset link is incomplete: open it again from the email");

export const ZResetPasswordInput = z.object({ token: ZResetToken, password: ZNewPassword });
export type TResetPasswordInput = z.infer<typeof ZResetPasswordInput>;
