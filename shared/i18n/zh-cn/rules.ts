// Pure code: runs anywhere. Chinese strings: the rule set in force (Settings → 报送时限规则).
export const rulesZhCN = {
  'rules.invalid': '规则文件有误，未作任何修改：{path}：{message}',
  'rules.notJson': '不是规则文件（JSON 格式有误）：{message}',
  'rules.fileTooLarge': '规则文件过大（上限 1 MB）',
  'rules.documentRequired': '缺少规则内容',
  'rules.noteTooLong': '说明不能超过 500 字',
  'rules.noSuchVersion': '没有第 {version} 版规则',
  'rules.changedMeanwhile': '规则已被 {actor} 改为第 {version} 版，请刷新后在新版本上修改',
  'rules.unchanged': '与现行第 {version} 版相同，无需保存',
} as const;
