/** Stable, machine-readable error codes of the API. Clients switch on these, never on messages. */
export const ERROR_CODES = {
  validation_failed: 400,
  malformed_body: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  password_change_required: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  phase_closed: 409,
  version_conflict: 409,
  profile_locked: 409,
  photo_rejected: 422,
  material_rejected: 422,
  not_eligible: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  account_locked: 423,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The HTTP status that goes with an error code. */
export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CODES[code];
}

/** Default Chinese message per code; the UI shows it when it has nothing more specific. */
export const DEFAULT_ERROR_MESSAGES: Record<ErrorCode, string> = {
  validation_failed: '提交的信息有误，请按提示修改后重试。',
  malformed_body: '请求格式不正确，请刷新页面后重试。',
  unauthenticated: '您尚未登录或登录已过期，请重新登录。',
  invalid_credentials: '账号或密码不正确，请核对后重新输入。',
  forbidden: '您没有权限进行此操作。如有疑问，请联系考区管理员。',
  csrf_failed: '页面已过期，请刷新页面后重试。',
  password_change_required: '为保障账号安全，请先修改初始密码。',
  not_found: '您访问的内容不存在，请返回首页。',
  conflict: '该信息已存在或已被他人修改，请刷新后重试。',
  invalid_transition: '当前状态下不能进行此操作，请刷新页面查看最新状态。',
  phase_closed: '当前不在办理时间内，请留意考区公布的时间安排。',
  version_conflict:
    '您的信息已在其他页面或设备上修改，本次保存未生效。请刷新页面，核对最新信息后重新保存。',
  profile_locked:
    '您的报名已通过确认，报名所依据的基本信息不能再修改。如信息有误，请联系报名所在考区。',
  photo_rejected: '照片未通过检查，请按提示重新拍摄或选择照片后上传。',
  material_rejected: '材料文件未通过检查，请按提示处理后重新上传。',
  not_eligible:
    '您不符合所选专业和级别的报考条件，请查看资格审核意见后修改报名信息或重新选择专业。',
  payload_too_large: '提交的内容过大，请缩小后重试。',
  unsupported_media_type: '不支持该内容格式，请按页面要求提交。',
  account_locked: '密码错误次数过多，账号已暂时锁定，请稍后再试或联系管理员解锁。',
  rate_limited: '操作过于频繁，请稍后再试。',
  internal: '系统繁忙，请稍后再试。如问题持续，请联系考区。',
  unavailable: '服务暂时不可用，请稍后再试。',
};

/** The error envelope every API error uses. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
