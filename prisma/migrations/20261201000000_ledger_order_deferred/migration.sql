-- Stock changes are written by one module (server/services/inventory/variant-change.ts) in one
-- statement with their ledger rows. Placing an order changes stock first (the prices it charges
-- are read under the stock lock) and writes the Order row afterwards, in the same transaction:
-- a ledger row may therefore name the order its transaction is about to create. The foreign key
-- is checked at commit instead of at each statement; it still holds for every committed row.
ALTER TABLE "InventoryMovement" ALTER CONSTRAINT "InventoryMovement_orderId_fkey" DEFERRABLE INITIALLY DEFERRED;
