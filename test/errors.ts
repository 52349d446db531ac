import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { AppError } from "@/server/errors";

/** The TRPCError a call fails with; fails the test if the call succeeds. */
export async function errorOf(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCError) return err;
    throw err;
  }
  throw new Error("expected the call to fail");
}

/**
 * The AppError a service call fails with (a zod error from a service's own parse counts as
 * VALIDATION); fails the test if the call succeeds.
 */
export async function appErrorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    if (err instanceof ZodError) return new AppError("VALIDATION", err.message, { cause: err });
    throw err;
  }
  throw new Error("expected the call to fail");
}
