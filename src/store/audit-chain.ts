// The chain itself is core (src/audit-chain.ts), so that the CLI can check an export without the store;
// the store, which extends the chain, takes it from here.
export { type ChainCheck, chainHash, GENESIS, verifyChain } from '../audit-chain.js';
