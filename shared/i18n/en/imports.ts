// Pure code: runs anywhere. English strings: why an import file was refused (every Excel import).
import type { importsZhCN } from '../zh-cn/imports.js';

export const importsEn: Record<keyof typeof importsZhCN, string> = {
  'import.tooLarge': 'The file is too large (over {max} MB) for a roster or a report. Nothing was written',
  'import.tooLargeInput': 'The file is too large for a roster or a report. Nothing was written',
  'import.notXlsx': 'The file is not an Excel workbook (.xlsx). Fill in the template this program exports, then import it. Nothing was written',
  'import.isPdf': 'This is a PDF file, not an Excel workbook (.xlsx). Nothing was written',
  'import.isOldXls': 'This is an old Excel file (.xls): save it as .xlsx in Excel, then import it. Nothing was written',
  'import.truncated': 'The file is incomplete (cut off while downloading or copying); get it again. Nothing was written',
  'import.zipBomb': 'The file is too large: it unpacks to more than {max} MB and was refused (it may be hostile). Nothing was written',
  'import.tooManyRows': 'Too many rows: the sheet has more than {max}, far more than a roster or a report. Keep only the rows to import. Nothing was written',
  'import.tooManyCells': 'Too many cells: the workbook has more than {max}, far more than a roster or a report. Nothing was written',
  'import.tooSlow': 'The file is too complex: it could not be read within {seconds} s, so reading stopped. Fill in the template this program exports. Nothing was written',
  'import.damaged': 'The file is damaged (its packed contents do not match its directory or cannot be unpacked); save it again in Excel or get it again. Nothing was written',
  'import.externalLinks': 'The workbook links to other files; it cannot be imported. Copy and paste as values, save, then import. Nothing was written',
  'import.formula': 'The cell holds a formula ({value}); copy it and paste as values, then import',
};
