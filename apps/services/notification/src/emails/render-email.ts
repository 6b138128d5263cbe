import type { DeliveryPayload } from "../domain/delivery";
import type { RenderedEmail } from "./email";
import { renderHoldsExpiredEmail } from "./holds-expired-email";
import { renderRefundEmail } from "./refund-email";
import { renderRegistrationAttemptedEmail } from "./registration-attempted-email";
import { renderStaffInvitationEmail } from "./staff-invitation-email";
import { renderTicketsEmail } from "./tickets-email";
import { renderTicketReceivedEmail, renderTicketSentEmail } from "./ticket-transfer-emails";
import { renderVerificationEmail } from "./verification-email";
import { renderWaitingListOfferEmail } from "./waiting-list-offer-email";

/** The email a delivery stands for. */
export const renderEmail = async (payload: DeliveryPayload): Promise<RenderedEmail> => {
  switch (payload.kind) {
    case "tickets":
      return renderTicketsEmail(payload);
    case "refund":
      return renderRefundEmail(payload);
    case "holds-expired":
      return renderHoldsExpiredEmail(payload);
    case "email-verification":
      return renderVerificationEmail(payload);
    case "registration-attempted":
      return renderRegistrationAttemptedEmail(payload);
    case "staff-invitation":
      return renderStaffInvitationEmail(payload);
    case "ticket-sent":
      return renderTicketSentEmail(payload);
    case "ticket-received":
      return renderTicketReceivedEmail(payload);
    case "waiting-list-offer":
      return renderWaitingListOfferEmail(payload);
  }
};
