/** UI strings of the audit log. */
export const auditMessages = {
  entityTypeLabel: '对象类型',
  entityTypePlaceholder: '如 account',
  actionLabel: '操作',
  actionPlaceholder: '如 account.created',
  search: '查询',
  reset: '清空条件',
  colTime: '时间',
  colActor: '操作人',
  colAction: '操作',
  colEntity: '对象',
  colRequest: '请求编号',
  colRecord: '记录',
  colChange: '操作与对象',
  system: '系统',
  before: '变更前',
  after: '变更后',
  none: '（无）',
  changedFields: '变更字段',
  empty: '暂无符合条件的审计记录。',
  total: (n: number) => `共 ${n} 条`,
  loadFailed: '审计日志加载失败',
  expandColumn: '展开详情',
  expandHint: '点击行首的展开按钮可查看变更前后的内容。',
} as const;

/**
 * Chinese names of audit actions and entity types, where known; codes not listed are shown as-is.
 * Add entries as server modules add actions.
 */
export const AUDIT_ACTION_LABELS: Partial<Record<string, string>> = {
  'auth.login': '登录',
  'account.created': '创建账号',
  'account.password_changed': '修改密码',
  'account.password_reset': '重置密码',
  'account.locked': '账号锁定',
  'account.unlocked': '解除锁定',
  'account.disabled': '停用账号',
  'account.enabled': '启用账号',
};
export const AUDIT_ENTITY_LABELS: Partial<Record<string, string>> = {
  account: '账号',
};
