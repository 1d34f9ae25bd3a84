/** The quotations feature: live quotations of coded passages, evidence tables, "cited in", and memos. */
export { QUOTATION_ROUTES, type QuotationRouteDeps, quotationHandlers } from './routes.ts'
export { createQuotations, type QuotationServices } from './services.ts'
