/**
 * The plan's appendix: the 20 tasks of "Danh sách các nhiệm vụ tổ chức triển khai Phong trào Bình dân
 * học vụ số trên địa bàn xã" (../shared/seeds, Phụ lục), in their order and sections, shortened to
 * what fits a report's line, with the body the plan puts in charge ("Cơ quan chủ trì").
 */
export interface AppendixTask {
  no: number;
  section: 'I' | 'II' | 'III' | 'IV' | 'V' | 'VI';
  title: string;
  lead: string;
}

/** The appendix sections' headings, as the plan words them. */
export const APPENDIX_SECTIONS: Readonly<Record<AppendixTask['section'], string>> = {
  I: 'Công tác truyền thông và tuyên truyền',
  II: 'Tổ chức thực hiện nghiêm các quy định, hướng dẫn của tỉnh về Phong trào',
  III: 'Triển khai chương trình phổ cập kỹ năng số',
  IV: 'Triển khai các nền tảng',
  V: 'Phổ cập tri thức về chuyển đổi số cho từng nhóm đối tượng',
  VI: 'Triển khai các mô hình, phong trào lan tỏa kỹ năng số cho cộng đồng',
};

const VHXH = 'Phòng Văn hóa – Xã hội';

export const APPENDIX_TASKS: readonly AppendixTask[] = [
  {
    no: 1,
    section: 'I',
    lead: VHXH,
    title:
      'Truyền thông sâu rộng về chuyển đổi số và Phong trào “Bình dân học vụ số” trên các phương tiện thông tin đại chúng, trang thông tin điện tử của xã, mạng xã hội',
  },
  {
    no: 2,
    section: 'I',
    lead: VHXH,
    title:
      'Huy động người có ảnh hưởng trong cộng đồng; phổ biến đến từng hộ gia đình, người dân về mục đích, ý nghĩa của Phong trào',
  },
  {
    no: 3,
    section: 'I',
    lead: VHXH,
    title:
      'Lồng ghép “Ngày hội toàn dân học tập số” vào các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia (10/10)',
  },
  {
    no: 4,
    section: 'II',
    lead: VHXH,
    title:
      'Phối hợp triển khai Khung kỹ năng số và hướng dẫn đánh giá, xác nhận đạt trình độ phổ cập kỹ năng số cho bốn nhóm đối tượng',
  },
  {
    no: 5,
    section: 'II',
    lead: VHXH,
    title:
      'Phối hợp triển khai phong trào thi đua “Thái Nguyên thi đua đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số” giai đoạn 2025 – 2030',
  },
  {
    no: 6,
    section: 'II',
    lead: VHXH,
    title:
      'Phối hợp triển khai cơ chế, chính sách của tỉnh thu hút cộng đồng, doanh nghiệp công nghệ, tổ chức xã hội tham gia Phong trào',
  },
  {
    no: 7,
    section: 'III',
    lead: VHXH,
    title: 'Phối hợp triển khai chương trình phổ cập phù hợp với khung kỹ năng số của từng nhóm đối tượng',
  },
  {
    no: 8,
    section: 'III',
    lead: `${VHXH}; Trung tâm Dịch vụ tổng hợp`,
    title:
      'Phối hợp triển khai tài liệu, bài giảng cho người học trên các nền tảng trực tuyến, đáp ứng số lượng lớn người học',
  },
  {
    no: 9,
    section: 'IV',
    lead: 'Công an xã',
    title: 'Tiếp nhận, khai thác nền tảng học trực tuyến mở đại trà (MOOCs) “Bình dân học vụ số”',
  },
  {
    no: 10,
    section: 'IV',
    lead: 'Công an xã',
    title:
      'Tiếp nhận, khai thác nền tảng tích hợp với VNeID để định danh, xác thực người học, xác nhận trình độ phổ cập kỹ năng số',
  },
  {
    no: 11,
    section: 'IV',
    lead: VHXH,
    title: 'Triển khai các dịch vụ, nền tảng số để công chức, viên chức và người dân thực hành, sử dụng ngay',
  },
  {
    no: 12,
    section: 'IV',
    lead: VHXH,
    title:
      'Hướng dẫn về chuyển đổi số, kỹ năng số dựa trên công nghệ xử lý ngôn ngữ tự nhiên, cá nhân hóa nội dung học',
  },
  {
    no: 13,
    section: 'V',
    lead: 'Các phòng, ban, đơn vị trực thuộc',
    title:
      'Cập nhật, nâng cao tri thức, phổ cập kỹ năng số cho cán bộ, công chức, viên chức và người lao động trong cơ quan nhà nước',
  },
  {
    no: 14,
    section: 'V',
    lead: VHXH,
    title: 'Phổ cập kỹ năng số cho người lao động trong các doanh nghiệp, hợp tác xã',
  },
  {
    no: 15,
    section: 'V',
    lead: `${VHXH}; Đoàn Thanh niên; Hội LHPN; Hội Nông dân; Hội CCB`,
    title:
      'Phổ cập kỹ năng số cho người dân: học cộng đồng hằng tuần, hướng dẫn người cao tuổi, người khuyết tật, người nghèo, đồng bào dân tộc thiểu số',
  },
  {
    no: 16,
    section: 'VI',
    lead: 'Các phòng, ban, đơn vị trực thuộc',
    title: 'Triển khai chương trình “Bình dân học AI”, hình thành văn hóa “AI xứ Trà” và tư duy “AI First”',
  },
  { no: 17, section: 'VI', lead: VHXH, title: 'Mô hình Mạng lưới “Đại sứ số” và Phong trào “Gia đình số”' },
  {
    no: 18,
    section: 'VI',
    lead: VHXH,
    title: 'Mô hình “Chợ số - Nông thôn số”: đào tạo tiểu thương, nông dân qua mô hình học tập 4T',
  },
  {
    no: 19,
    section: 'VI',
    lead: 'Công an xã',
    title:
      'Mô hình “Mỗi công dân - Một danh tính số”: 100% công dân từ 16 tuổi có danh tính số, hỗ trợ cài đặt VNeID, tài khoản ngân hàng số',
  },
  {
    no: 20,
    section: 'VI',
    lead: VHXH,
    title: 'Mô hình “Tổ công nghệ số cộng đồng”: “đi từng ngõ, gõ từng nhà, hướng dẫn từng người”',
  },
];
