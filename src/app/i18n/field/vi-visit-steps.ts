/**
 * Words for what a visit records on people's skill profiles, and for each step's own results
 * (issue 15, kinds 2 and 7); vi.ts merges every fragment.
 */
export const viVisitSteps = {
  'visitSteps.legend': 'Đã làm cho ai?',
  'visitSteps.hint':
    'Mỗi việc sẽ được ghi vào hồ sơ kỹ năng của từng người. Chọn “Không ghi” nếu người đó không làm việc này.',
  'visitSteps.skip': 'Không ghi',
  'visitSteps.already': '{skill}: đã xong từ trước, không ghi lại',
  'visitSteps.noConsent': '{name}: chưa đồng ý cho ghi kỹ năng, nên không ghi vào hồ sơ.',
  'visitSteps.recordedTitle': 'Đã ghi vào hồ sơ kỹ năng:',
  'visitSteps.personSteps': '{name}: {steps}',
  'visitSteps.step': '{skill} — {status}',
  'visitSteps.nothingRecorded': 'Chưa ghi bước kỹ năng nào vào hồ sơ.',
  'visitSteps.noConsentSaved': 'Không ghi được cho {names}: chưa đồng ý cho ghi kỹ năng.',
  'visitSteps.undone': 'Đã bỏ lần ghé vừa ghi và các bước kỹ năng ghi cùng',

  'step.vneid_installed.done': 'Đã cài xong',
  'step.vneid_installed.failed': 'Chưa cài được',
  'step.vneid_level1.done': 'Đã làm được (có tài khoản mức 1)',
  'step.vneid_level1.in_progress': 'Đang đăng ký, chưa xong',
  'step.vneid_level1.failed': 'Chưa đăng ký được',
  'step.vneid_level2_referred.done': 'Đã hẹn/đưa đến Công an xã',
  'step.vneid_level2_referred.failed': 'Chưa hẹn được',
  'step.vneid_level2_active.done': 'Đã làm được (đã kích hoạt mức 2)',
  'step.vneid_level2_active.in_progress': 'Đang chờ Công an xã duyệt',
  'step.vneid_level2_active.failed': 'Chưa kích hoạt được',
  'step.vneid_skills_confirmed.done': 'Đã xác nhận trên VNeID',
  'step.vneid_skills_confirmed.in_progress': 'Đang học trên VNeID',
  'step.vneid_skills_confirmed.failed': 'Chưa xác nhận được',
  'step.digital_bank_account.referred': 'Đã hẹn ra ngân hàng mở',

  'skills.vneid.waitingLevel2': 'VNeID mức 1 · Đang chờ kích hoạt mức 2 ở Công an xã',

  'classes.recordWithoutConsentNamed': 'Không ghi cho {names}: chưa đồng ý cho tổ hỗ trợ kỹ năng',
} as const;
