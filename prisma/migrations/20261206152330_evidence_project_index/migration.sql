-- CreateIndex
CREATE INDEX "Evidence_projectId_itemId_idx" ON "Evidence"("projectId", "itemId");
