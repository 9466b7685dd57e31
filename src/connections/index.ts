/**
 * Connections' provider catalog: which third-party APIs Keyward can hold a credential for, the fields
 * a connection to each takes, and the requests that check and use that credential. Pure library code:
 * it reads two YAML files when loadCatalog() is called, and nothing else.
 */
export {
  buildCatalog,
  type Catalog,
  type CatalogSources,
  type ListOptions,
  loadCatalog,
  type ProviderPage,
} from './catalog.js';
export { describeProvider, type FieldDescription, type ProviderDescription } from './describe.js';
export { buildRequest, type OutgoingRequest, type ProxyRequest } from './request.js';
export { type RequestRefusal, RequestRefused } from './request-refused.js';
export type { AuthMode, ConnectionValues, FieldFormat, FieldPart, Provider, Refusal } from './types.js';
export { FIELD_LIMITS, type FieldProblem, type FieldRule, validateFields } from './validate.js';
