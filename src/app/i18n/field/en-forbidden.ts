import type { viForbidden } from './vi-forbidden';

export const enForbidden: Record<keyof typeof viForbidden, string> = {
  'err.otpInText': "Never write an OTP — it is the resident's secret, nobody may keep it.",
  'err.passwordInText':
    'Never write a password (VNeID, bank, Zalo, PIN…) — only the resident may know their own password.',
};
