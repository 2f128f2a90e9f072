-- CreateTable
CREATE TABLE "SsoAuthnRequest" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SsoAuthnRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SsoAuthnRequest_connectionId_idx" ON "SsoAuthnRequest"("connectionId");

-- CreateIndex
CREATE INDEX "SsoAuthnRequest_expiresAt_idx" ON "SsoAuthnRequest"("expiresAt");

-- AddForeignKey
ALTER TABLE "SsoAuthnRequest" ADD CONSTRAINT "SsoAuthnRequest_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SsoAuthnRequest" ADD CONSTRAINT "SsoAuthnRequest_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "SsoConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
