// Pure code: runs anywhere. English strings: why an import file was refused (every Excel import).
import type { importsZhCN } from '../zh-cn/imports.js';

export const importsEn: Record<keyof typeof importsZhCN, string> = {
  'import.tooLarge': 'The file is too large (over {max} MB) for a roster or a report. Nothing was written',
  'import.tooLargeInput': 'The file is too large for a roster or a report. Nothing was written',
  'import.notXlsx': 'The file is not an Excel workbook (.xlsx). Fill in the template this program exports, then import it. Nothing was written',
  'import.isPdf': 'This is a PDF file, not an Excel workbook (.xlsx). Nothing was written',
  'import.isOldXls': 'This is an old Excel file (.xls): save it as .xlsx in Excel, then import it. Nothing was written',
  'import.truncated': 'The file is incomplete (cut off while downloading or copying); get it again. Nothing was written',
  'import.zipBomb': 'The file would unpack to an abnormal size and was refused (it may be hostile). Nothing was written',
  'import.formula': 'The cell holds a formula ({value}); copy it and paste as values, then import',
};
