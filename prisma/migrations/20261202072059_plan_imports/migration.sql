-- CreateTable
CREATE TABLE "PlanImport" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "fileName" TEXT,
    "source" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "summary" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlanImport_workspaceId_projectId_format_createdAt_idx" ON "PlanImport"("workspaceId", "projectId", "format", "createdAt");

-- AddForeignKey
ALTER TABLE "PlanImport" ADD CONSTRAINT "PlanImport_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanImport" ADD CONSTRAINT "PlanImport_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
