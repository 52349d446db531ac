import { z } from "zod";

export const ZEmail = z
  .string({ error: "Enter your email" })
  .trim()
  .toLowerCase()
  .max(254, "That email is too long")
  .pipe(z.email({ error: "Enter a valid email address" }));

export const ZNewPassword = z
  .string({ error: "Choose a password" })
  .min(10, "Use at least 10 characters")
  .max(200, "Keep your password under 200 characters");

export const ZRegisterInput = z.object({
  name: z.string({ error: "Enter your name" }).trim().min(1, "Enter your name").max(100, "Keep your name under 100 characters"),
  email: ZEmail,
  password: ZNewPassword,
});
export type TRegisterInput = z.infer<typeof ZRegisterInput>;

export const ZSignInInput = z.object({
  email: ZEmail,
  password: z.string().min(1, "Enter your password").max(200),
});
export type TSignInInput = z.infer<typeof ZSignInInput>;

export const ZRequestPasswordResetInput = z.object({ email: ZEmail });
export type TRequestPasswordResetInput = z.infer<typeof ZRequestPasswordResetInput>;

/** The token of a reset link: 32 random bytes, base64url (43 characters). */
export const ZResetToken = z
  .string({ error: "This reset link is incomplete" })
  .regex(/^[A-Za-z0-9_-]{43}$/, "This reset link is incomplete: open it again from the email");

export const ZResetPasswordInput = z.object({ token: ZResetToken, password: ZNewPassword });
export type TResetPasswordInput = z.infer<typeof ZResetPasswordInput>;
