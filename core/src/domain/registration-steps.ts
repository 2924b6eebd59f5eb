/** The candidate's journey as the exam area describes it (R3), in order. */
export const REGISTRATION_STEPS = [
  { key: 'account', title: '注册登录', description: '注册账号并登录报名系统' },
  {
    key: 'basic_info',
    title: '维护基本信息',
    description: '上传基本照片，填写学历学位信息，绑定消息通知方式',
  },
  { key: 'choose_exam', title: '选择考试项目', description: '进入网上报名，选择考试项目' },
  { key: 'choose_area', title: '选择考区', description: '选择报考省份（考区）、报名地市和考点' },
  { key: 'fill_in', title: '填写报名信息', description: '填写或修改报名信息，选择专业和级别' },
  { key: 'confirm_photo', title: '确认报名照片', description: '核对并确认报名照片' },
  {
    key: 'application_form',
    title: '下载申报表',
    description: '下载申报表，线下填写后由单位经办人签字并加盖人事部门公章',
  },
  { key: 'materials', title: '上传材料', description: '上传盖章的申报表及学历、合同等证明材料' },
  { key: 'submit', title: '提交', description: '提交报名信息，等待考区报名确认' },
] as const;

export type RegistrationStepKey = (typeof REGISTRATION_STEPS)[number]['key'];
