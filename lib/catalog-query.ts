/** Shared by the server prefetch and the client query so both use one cache entry. These must
 * live in a plain module: a server component importing values from a "use client" module gets
 * references, not the values, and its prefetch would miss the client's cache entry. */
export const PRODUCT_PAGE_SIZE = 24;
export const productPages = {
  getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor,
};

export const ORDER_PAGE_SIZE = 10;
export const orderPages = productPages;
