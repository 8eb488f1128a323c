import { adminProcedure, clientProcedure, operatorProcedure, router, userProcedure } from '../trpc.ts';
import {
  askInputSchema,
  enquiryInputSchema,
  enquiryReplyInputSchema,
  markReadInputSchema,
  messagingSettingsInputSchema,
  reportInputSchema,
  reportsInputSchema,
  reviewReportInputSchema,
  sendInputSchema,
  threadInputSchema,
  threadsInputSchema,
  unreadInputSchema,
} from '../services/messages/messages.schema.ts';
import { getThread, listThreads, markThreadRead, reportMessage, sendMessage, unreadCount } from '../services/messages/messages.ts';
import { askProvider, getEnquiry, listEnquiries, replyToEnquiry } from '../services/messages/enquiries.ts';
import { listMessageReports, reviewMessageReport } from '../services/messages/reports.ts';
import { messagingSettingsView, saveMessagingSettings } from '../services/messages/messaging-settings.ts';

/**
 * Messages between a booking's client and its provider (the site, the desk and the bot share it),
 * questions to a provider before any booking (enquiries), reports to the operators. A photo message
 * is a multipart POST to /uploads/messages/:bookingId (apps/server routes).
 */
export const messagesRouter = router({
  threads: userProcedure.input(threadsInputSchema).query(({ ctx, input }) => listThreads(ctx.deps, ctx.user, input)),
  thread: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(threadInputSchema)
    .query(({ ctx, input }) => getThread(ctx.deps, ctx.user, input)),
  send: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(sendInputSchema)
    .mutation(({ ctx, input }) => sendMessage(ctx.deps, ctx.user, input)),
  markRead: userProcedure
    .meta({ access: 'user', ownedBy: 'booking' })
    .input(markReadInputSchema)
    .mutation(({ ctx, input }) => markThreadRead(ctx.deps, ctx.user, input)),
  unreadCount: userProcedure.input(unreadInputSchema).query(({ ctx }) => unreadCount(ctx.deps, ctx.user)),
  /** Reports the other side's message to the operators. */
  report: userProcedure.input(reportInputSchema).mutation(({ ctx, input }) => reportMessage(ctx.deps, ctx.user, input)),
  /** Operators: reported messages (the console lists them). */
  reports: operatorProcedure.input(reportsInputSchema).query(({ ctx, input }) => listMessageReports(ctx.deps, input)),
  reviewReport: operatorProcedure
    .input(reviewReportInputSchema)
    .mutation(({ ctx, input }) => reviewMessageReport(ctx.deps, ctx.user, input)),
  /** Operators: whether contact details are hidden before a booking is confirmed. */
  settings: adminProcedure.query(({ ctx }) => messagingSettingsView(ctx.deps)),
  saveSettings: adminProcedure
    .input(messagingSettingsInputSchema)
    .mutation(({ ctx, input }) => saveMessagingSettings(ctx.deps, ctx.user, input)),
  /** A question to a provider from their page, before any booking. */
  ask: clientProcedure.input(askInputSchema).mutation(({ ctx, input }) => askProvider(ctx.deps, ctx.user, input)),
  enquiries: userProcedure.query(({ ctx }) => listEnquiries(ctx.deps, ctx.user)),
  enquiry: userProcedure.input(enquiryInputSchema).query(({ ctx, input }) => getEnquiry(ctx.deps, ctx.user, input)),
  replyEnquiry: userProcedure.input(enquiryReplyInputSchema).mutation(({ ctx, input }) => replyToEnquiry(ctx.deps, ctx.user, input)),
});
