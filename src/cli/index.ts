export * from './command.js';
export { rootCommand } from './registry.js';
