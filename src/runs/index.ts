export * from './run-dir.js';
