export * from './charts.js';
export * from './html.js';
export * from './render.js';
export * from './report.js';
export * from './results.js';
