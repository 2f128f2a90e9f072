import { findUser, listWorkspacesOfUser } from "@/lib/db/global/identity";
import { withUser } from "@/lib/auth/workspace";
import { NotFoundError } from "@/lib/errors";
import { meOutput } from "@/lib/validation/me";

export const GET = withUser(async ({ user }) => {
  const [profile, workspaces] = await Promise.all([findUser(user.userId), listWorkspacesOfUser(user.userId)]);
  if (!profile) throw new NotFoundError("User");
  return Response.json(meOutput.parse({ user: profile, workspaces }));
});
