import { trpcHttpHandler } from "@/server/api/http";
import { createTRPCContext } from "@/server/api/trpc";

const handler = trpcHttpHandler(({ req, resHeaders }) => createTRPCContext({ headers: req.headers, resHeaders }));

export { handler as GET, handler as POST };
