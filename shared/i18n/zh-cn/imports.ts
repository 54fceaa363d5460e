// Pure code: runs anywhere. Chinese strings: why an import file was refused (every Excel import).
export const importsZhCN = {
  'import.tooLarge': '文件太大（超过 {max} MB），不像是值班表或日报。未写入任何数据',
  'import.tooLargeInput': '文件太大，不像是值班表或日报。未写入任何数据',
  'import.notXlsx': '文件不是 Excel 工作簿（.xlsx）。请用本程序导出的模板填写后再导入。未写入任何数据',
  'import.isPdf': '这是一个 PDF 文件，不是 Excel 工作簿（.xlsx）。未写入任何数据',
  'import.isOldXls': '这是旧版 Excel 文件（.xls），请在 Excel 中另存为 .xlsx 后再导入。未写入任何数据',
  'import.truncated': '文件不完整（可能下载或复制时被截断），请重新获取文件。未写入任何数据',
  'import.zipBomb': '文件解压后异常巨大，已拒绝（可能是恶意文件）。未写入任何数据',
  'import.formula': '单元格含公式（{value}），请复制后“粘贴为数值”再导入',
} as const;
