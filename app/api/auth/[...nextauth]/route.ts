import { handlers } from "@/lib/auth/config";
import { withSignInLimit } from "@/lib/auth/sign-in-limit";

export const GET = withSignInLimit(handlers.GET);
export const POST = withSignInLimit(handlers.POST);
