// Pure code: runs anywhere. Chinese strings: a seat that lost the host (issue 19) — the red banner,
// saves waiting to be sent again, drafts kept on this computer, and the host's answers to a retry.
export const connectionZhCN = {
  'request.badKey': '请求键（Idempotency-Key）格式不对：应为 16–100 位字母、数字、- 或 _',
  'request.keyTaken': '这个请求键已被另一项操作使用，本次未保存',
  'request.alreadySaved': '已保存（主机在答复送达前中断过）；页面将刷新显示已保存的内容',
  'host.lost': '与值班室主机断开连接（{since} 起）——正在重试；正在填写的内容已保存在本机，恢复后自动提交',
  'host.pending': '待提交 {count} 项',
  'host.back': '已恢复，{count} 项已提交',
  'host.backNone': '已恢复与值班室主机的连接',
  'host.pendingSignIn': '{count} 项保存等待提交：登录后自动提交',
  'host.refused': '排队的保存被主机拒绝：{message}（填写的内容仍在本机草稿中）',
  'host.queued': '主机暂时无法连接：已排队，恢复后自动提交（正在填写的内容已保存在本机）',
  'draft.restored': '已恢复未提交的草稿（{time} 保存）',
  'draft.discard': '丢弃草稿',
  'draft.discarded': '草稿已丢弃',
} as const;
