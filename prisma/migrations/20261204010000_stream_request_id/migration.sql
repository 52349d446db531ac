-- The request id a publisher sent along with a message (logs trace it into the consumer).
ALTER TABLE "StreamMessage" ADD COLUMN "requestId" TEXT;
