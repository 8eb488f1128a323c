export { DEMO_PASSWORD, startTestStack, type TestStack, type TestStackOptions } from './stack.ts';
export { eventually } from './eventually.ts';
export { freePort, holdPort } from './ports.ts';
