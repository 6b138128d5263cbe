import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { SignInForm } from "../../components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <main id="main" className="auth-page">
      <section className="auth-card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in</h1>
        {/* The form reads ?callbackUrl=, which needs a Suspense boundary for static rendering. */}
        <Suspense>
          <SignInForm />
        </Suspense>
        <p className="auth-switch">
          New to Marquee? <Link href="/sign-up">Create an account</Link>
        </p>
      </section>
    </main>
  );
}
