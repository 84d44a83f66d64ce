// `npm run directory:template`: writes the empty team-list templates
// db/templates/danh-sach-to-cong-nghe-so.{csv,xlsx} from the one column
// definition (functions/directory/sheet/columns.ts), the same code the export uses.
import { mkdir } from 'node:fs/promises';
import { writeSheetFile } from '../functions/directory/sheet/sheet-file.ts';

const templatePaths = ['db/templates/danh-sach-to-cong-nghe-so.csv', 'db/templates/danh-sach-to-cong-nghe-so.xlsx'];

await mkdir('db/templates', { recursive: true });
for (const path of templatePaths) {
  await writeSheetFile(path, []);
  console.log(`✔ ${path}`);
}
