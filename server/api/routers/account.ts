// account.*: the signed-in user's own account settings (/account/security).
import "server-only";
import { router } from "../trpc";
import { twoFactorRouter } from "./account-two-factor";

export const accountRouter = router({
  twoFactor: twoFactorRouter,
});
