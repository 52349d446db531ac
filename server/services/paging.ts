// Numbered pages of the admin and seller lists: which rows a page takes, and the answer's shape.
import "server-only";
import { z } from "zod";

export const ZPage = z.int32().min(1).max(10_000).default(1);

/** Newest first, the id breaking ties so pages never overlap. */
export const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** `skip` and `take` of a 1-based page. */
export function pageWindow(page: number, pageSize: number): { skip: number; take: number } {
  return { skip: (page - 1) * pageSize, take: pageSize };
}

export function pageOf<T>(items: T[], total: number, page: number, pageSize: number) {
  return { items, total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}
