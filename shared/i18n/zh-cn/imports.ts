// Pure code: runs anywhere. Chinese strings: why an import file was refused (every Excel import).
export const importsZhCN = {
  'import.tooLarge': '文件过大（超过 {max} MB），不像是值班表或日报。未写入任何数据',
  'import.tooLargeInput': '文件过大，不像是值班表或日报。未写入任何数据',
  'import.notXlsx': '文件不是 Excel 工作簿（.xlsx）。请用本程序导出的模板填写后再导入。未写入任何数据',
  'import.isPdf': '这是一个 PDF 文件，不是 Excel 工作簿（.xlsx）。未写入任何数据',
  'import.isOldXls': '这是旧版 Excel 文件（.xls），请在 Excel 中另存为 .xlsx 后再导入。未写入任何数据',
  'import.truncated': '文件不完整（可能下载或复制时被截断），请重新获取文件。未写入任何数据',
  'import.zipBomb': '文件过大：解压后超过 {max} MB，已拒绝（可能是恶意文件）。未写入任何数据',
  'import.tooManyRows': '行数过多：工作表超过 {max} 行，不像是值班表或日报。请只保留要导入的行。未写入任何数据',
  'import.tooManyCells': '单元格过多：工作簿超过 {max} 个单元格，不像是值班表或日报。未写入任何数据',
  'import.tooSlow': '文件过于复杂，{seconds} 秒内未能读完，已停止读取。请用本程序导出的模板填写后再导入。未写入任何数据',
  'import.damaged': '文件已损坏（压缩内容与文件目录不符或无法解开），请在 Excel 中重新保存或重新获取文件。未写入任何数据',
  'import.externalLinks': '工作簿含外部链接（引用其他文件的数据），不能导入。请复制后“粘贴为数值”另存再导入。未写入任何数据',
  'import.formula': '单元格含公式（{value}），请复制后“粘贴为数值”再导入',
} as const;
