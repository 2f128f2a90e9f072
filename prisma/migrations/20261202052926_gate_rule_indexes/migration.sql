-- CreateIndex
CREATE INDEX "Item_workspaceId_projectId_phaseId_status_idx" ON "Item"("workspaceId", "projectId", "phaseId", "status");

-- CreateIndex
CREATE INDEX "Item_workspaceId_projectId_blocker_status_idx" ON "Item"("workspaceId", "projectId", "blocker", "status");

-- CreateIndex
CREATE INDEX "Item_labels_idx" ON "Item" USING GIN ("labels");
