import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "../../components/sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default function SignUpPage() {
  return (
    <main id="main" className="auth-page">
      <section className="auth-card" aria-labelledby="sign-up-title">
        <h1 id="sign-up-title">Create an account</h1>
        <SignUpForm />
        <p className="auth-switch">
          Already have an account? <Link href="/sign-in">Sign in</Link>
        </p>
      </section>
    </main>
  );
}
