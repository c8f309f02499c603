export * from './filters.js';
export * from './membership.js';
