"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { api } from "@/lib/client/api";

export function AcceptInvitation({ token, workspaceName }: { token: string; workspaceName: string }) {
  const router = useRouter();
  const accept = useMutation({
    mutationFn: () => api<{ workspace: { slug: string } }>(`/api/v1/invitations/${token}`, { method: "POST" }),
    onSuccess: (result) => {
      router.push(`/${result.workspace.slug}`);
      router.refresh();
    },
  });
  return (
    <div className="space-y-4">
      <FormError error={accept.error} />
      <Button className="w-full" pending={accept.isPending || accept.isSuccess} onClick={() => accept.mutate()}>
        Join {workspaceName}
      </Button>
    </div>
  );
}
