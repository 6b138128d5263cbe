import NextAuth from "next-auth";
import { authOptions } from "../../../../lib/auth-options";

// next-auth 4 types NextAuth() loosely; the App Router handler takes (request, context).
const handler = NextAuth(authOptions) as (request: Request, context: unknown) => Promise<Response>;

export { handler as GET, handler as POST };
