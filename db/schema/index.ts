export * from './reference';
export * from './institutions';
export * from './oversight';
export * from './complaints';
export * from './verifications';
