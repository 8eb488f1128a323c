export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorInit {
  status: number;
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  declineCode?: string;
  extra?: Record<string, unknown>;
}

/** An error the emulator answers in Stripe's shape: `{ error: { type, message, code, param } }`. */
export class StripeApiError extends Error {
  readonly init: StripeErrorInit;
  constructor(init: StripeErrorInit) {
    super(init.message);
    this.init = init;
  }

  body(): { error: Record<string, unknown> } {
    const { type, message, code, param, declineCode, extra } = this.init;
    return {
      error: {
        type,
        message,
        ...(code ? { code, doc_url: `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}` } : {}),
        ...(param ? { param } : {}),
        ...(declineCode ? { decline_code: declineCode } : {}),
        ...extra,
      },
    };
  }
}

export const missing = (resource: string, id: string, param = 'id'): StripeApiError =>
  new StripeApiError({
    status: 404,
    type: 'invalid_request_error',
    code: 'resource_missing',
    param,
    message: `No such ${resource}: '${id}'`,
  });

export const invalid = (message: string, param?: string, code?: string): StripeApiError =>
  new StripeApiError({ status: 400, type: 'invalid_request_error', message, ...(param ? { param } : {}), ...(code ? { code } : {}) });

export const badState = (message: string, code = 'invoice_not_editable'): StripeApiError =>
  new StripeApiError({ status: 400, type: 'invalid_request_error', message, code });
