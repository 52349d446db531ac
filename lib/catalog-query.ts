/** Shared by the server prefetch and the client query so both use one cache entry. */
export const PRODUCT_PAGE_SIZE = 24;
export const productPages = {
  getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor,
};
