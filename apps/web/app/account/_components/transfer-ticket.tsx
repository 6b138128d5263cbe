"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { trpc } from "../../../lib/trpc";
import "./transfer-ticket.css";
import { seatLabel } from "@marquee/tickets/seat-label";

// What a browser's own email field accepts, roughly; fulfillment decides for good.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type TransferableTicket = {
  ticketId: string;
  eventName: string;
  section: string;
  row: string;
  number: number;
};

/** "toEmail: that is your own address; …" → "That is your own address; …". */
const withoutField = (message: string): string => {
  const text = message.replace(/^toEmail: /, "");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? "" : "."}`;
};

/**
 * "Transfer" on a ticket: a modal dialog (the browser's own, so focus stays inside and Escape
 * closes it) asks for the recipient's address, then for a confirmation that names the seat and the
 * address, since the holder's own codes stop working at once. A refusal is shown where it belongs:
 * an address problem under the field, anything else above the buttons. Closing gives focus back to
 * the Transfer button; a sent ticket leaves the list, so `onSent` decides where focus goes then.
 */
export function TransferTicket({
  ticket,
  onSent,
}: {
  ticket: TransferableTicket;
  onSent: (toEmail: string) => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const emailField = useRef<HTMLInputElement>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const sent = useRef(false);
  const [step, setStep] = useState<"email" | "confirm">("email");
  const [email, setEmail] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const utils = trpc.useUtils();
  const transfer = trpc.account.transferTicket.useMutation();
  const seat = seatLabel(ticket);

  // Each step starts where the eye should: the field, or the question to confirm.
  useEffect(() => {
    if (!dialog.current?.open) return;
    if (step === "email") emailField.current?.focus();
    else confirmHeading.current?.focus();
  }, [step]);

  const open = () => {
    sent.current = false;
    setStep("email");
    setEmail("");
    setFieldError(null);
    setFormError(null);
    dialog.current?.showModal();
    emailField.current?.focus();
  };

  const close = () => dialog.current?.close();

  const next = (e: FormEvent) => {
    e.preventDefault();
    const address = email.trim();
    if (!EMAIL.test(address)) {
      setFieldError(
        "Enter the email address of the person you are sending the ticket to, like name@example.com.",
      );
      emailField.current?.focus();
      return;
    }
    setEmail(address);
    setFieldError(null);
    setFormError(null);
    setStep("confirm");
  };

  const send = () => {
    setFormError(null);
    transfer.mutate(
      { ticketId: ticket.ticketId, toEmail: email },
      {
        onSuccess: ({ toEmail }) => {
          sent.current = true;
          close();
          onSent(toEmail);
          void utils.account.tickets.invalidate();
        },
        onError: (error) => {
          if (error.message.startsWith("toEmail: ")) {
            setFieldError(withoutField(error.message));
            setStep("email");
          } else {
            setFormError(withoutField(error.message));
          }
        },
      },
    );
  };

  return (
    <>
      <button
        ref={opener}
        type="button"
        className="button button-small button-secondary"
        onClick={open}
        aria-haspopup="dialog"
      >
        Transfer<span className="visually-hidden"> {seat}</span>
      </button>
      <dialog
        ref={dialog}
        className="transfer-dialog"
        aria-labelledby={`${id}-title`}
        onClose={() => {
          if (!sent.current) opener.current?.focus();
        }}
      >
        <h2 id={`${id}-title`}>Transfer this ticket</h2>
        <p className="field-hint">
          {ticket.eventName} · {seat}
        </p>
        {step === "email" ? (
          <form className="auth-form" onSubmit={next} noValidate>
            <div className="field">
              <label htmlFor={`${id}-email`}>Recipient&apos;s email</label>
              <input
                ref={emailField}
                id={`${id}-email`}
                type="email"
                autoComplete="off"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={`${id}-email-hint${fieldError ? ` ${id}-email-error` : ""}`}
              />
              <p id={`${id}-email-hint`} className="field-hint">
                They get the ticket by email with a new QR code, and find it under My tickets once
                they sign in with this address.
              </p>
              {fieldError ? (
                <p id={`${id}-email-error`} className="field-error" role="alert">
                  {fieldError}
                </p>
              ) : null}
            </div>
            <div className="button-row">
              <button type="submit" className="button">
                Continue
              </button>
              <button type="button" className="button button-secondary" onClick={close}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <div className="auth-form">
            <h3 ref={confirmHeading} tabIndex={-1} id={`${id}-confirm`}>
              Send this ticket to {email}?
            </h3>
            <p>
              Your QR code and door code for this seat stop working at once, and the ticket leaves
              your account. Only {email} can then use it or send it on.
            </p>
            {formError ? (
              <p className="form-error" role="alert">
                {formError}
              </p>
            ) : null}
            <div className="button-row">
              <button
                type="button"
                className="button"
                onClick={send}
                disabled={transfer.isPending}
                aria-busy={transfer.isPending || undefined}
                aria-describedby={`${id}-confirm`}
              >
                {transfer.isPending ? "Sending…" : "Send ticket"}
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setStep("email")}
                disabled={transfer.isPending}
              >
                Back
              </button>
            </div>
          </div>
        )}
      </dialog>
    </>
  );
}
