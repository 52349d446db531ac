import { handleTrpcRequest } from "@/server/api/http";
import { createTRPCContext } from "@/server/api/trpc";

function handler(req: Request) {
  return handleTrpcRequest(req, (resHeaders) => createTRPCContext({ headers: req.headers, resHeaders }));
}

export { handler as GET, handler as POST };
