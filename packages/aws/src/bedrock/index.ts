export * from './allowed-models-policy';
export * from './converse';
export * from './foundation-models';
