/** The owner's colours, generated from kit.yaml (see src/integration/theme.ts). */
declare module 'virtual:referral-kit/theme.css';
