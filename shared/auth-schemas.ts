import { z } from "zod";
import { zText } from "@/shared/text";

export const ZEmail = zText({ error: "Enter your email" })
  .trim()
  .toLowerCase()
  .max(254, "That email is too long")
  .pipe(z.email({ error: "Enter a valid email address" }));

export const ZRegisterInput = z.object({
  name: zText({ error: "Enter your name" }).trim().min(1, "Enter your name").max(100, "Keep your name under 100 characters"),
  email: ZEmail,
  password: zText({ error: "Choose a password" })
    .min(10, "Use at least 10 characters")
    .max(200, "Keep your password under 200 characters"),
});
export type TRegisterInput = z.infer<typeof ZRegisterInput>;

export const ZSignInInput = z.object({
  email: ZEmail,
  password: zText().min(1, "Enter your password").max(200),
});
export type TSignInInput = z.infer<typeof ZSignInInput>;
