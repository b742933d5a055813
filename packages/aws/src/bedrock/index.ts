export * from './allowed-models-policy';
export * from './backend';
export * from './converse';
export * from './foundation-models';
