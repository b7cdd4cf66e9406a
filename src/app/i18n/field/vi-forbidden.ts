/**
 * Words for data DESIGN §7 never stores, found in what was typed (issue 14, kind 6): said to a village
 * helper in plain words, with the reason, so they write around it instead of retyping it.
 */
export const viForbidden = {
  'err.otpInText': 'Không được ghi mã OTP — mã OTP là bí mật của người dân, không ai được giữ.',
  'err.passwordInText':
    'Không được ghi mật khẩu (VNeID, ngân hàng, Zalo, mã PIN…) — chỉ người dân được biết mật khẩu của mình.',
} as const;
