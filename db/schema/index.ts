export * from './reference';
export * from './institutions';
export * from './oversight';
