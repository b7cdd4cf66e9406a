/** Words for erasure and a person's requests about their data (issue 14, kind 8). */
export const viErasure = {
  'erasure.withdrawNameHint':
    'Rút lại đồng ý thì không giữ họ tên: hãy sửa thành tên gọi (ví dụ "Bà cụ nhà ông Tâm"). Để nguyên, máy sẽ ghi "Người dân đã rút lại đồng ý".',
  'erasure.title': 'Yêu cầu của người dân về dữ liệu',
  'erasure.explain':
    'Người dân có quyền biết Ngõ Số đang giữ gì về mình và yêu cầu xoá. Mọi lần tải về hay xoá đều được ghi vào nhật ký.',
  'erasure.export': 'Tải về dữ liệu của người này',
  'erasure.exported': 'Đã tải về dữ liệu của {name}.',
  'erasure.erase': 'Xoá hẳn người này',
  'erasure.confirmTitle': 'Xoá hẳn {name}?',
  'erasure.confirmBody':
    'Họ tên, số điện thoại, các bước kỹ năng, điểm danh và ghi chú nhắc tới người này bị xoá trên máy chủ và trên mọi điện thoại khi đồng bộ. Không hoàn tác được.',
  'erasure.confirm': 'Xoá hẳn',
  'erasure.done': 'Đã xoá hẳn dữ liệu của người này.',
  'erasure.needsConnection': 'Cần có mạng và đăng nhập để thực hiện yêu cầu này.',
  'erasure.failed': 'Chưa thực hiện được: {reason}',
  'erasure.undoGone': 'Không hoàn tác được: dữ liệu của người này đã bị xoá hẳn trên máy chủ.',
  'rejected.reason.erased':
    'Người này đã bị xoá hẳn (theo yêu cầu, hoặc quá lâu sau khi xoá để hoàn tác); không khôi phục lại được.',
};
