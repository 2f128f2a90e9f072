-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "requiredApprovals" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "DeferredRisk" ADD COLUMN     "resolution" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "resolvedById" TEXT;

-- AlterTable
ALTER TABLE "Gate" ADD COLUMN     "requiredApprovals" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ProjectSnapshot" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "total" INTEGER NOT NULL,
    "open" INTEGER NOT NULL,
    "closed" INTEGER NOT NULL,
    "openBySeverity" JSONB NOT NULL,
    "byStatus" JSONB NOT NULL,
    "recommendation" "DecisionOutcome",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProjectSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProjectSnapshot_workspaceId_day_idx" ON "ProjectSnapshot"("workspaceId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectSnapshot_projectId_day_key" ON "ProjectSnapshot"("projectId", "day");

-- AddForeignKey
ALTER TABLE "ProjectSnapshot" ADD CONSTRAINT "ProjectSnapshot_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectSnapshot" ADD CONSTRAINT "ProjectSnapshot_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
