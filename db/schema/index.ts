export * from './reference';
export * from './institutions';
export * from './oversight';
export * from './complaints';
export * from './verifications';
export * from './staff';
export * from './cases';
export * from './publishing';
