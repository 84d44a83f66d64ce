import { bodyLimit } from 'hono/body-limit';
import { adminImportUi } from '../../site/i18n/admin-ui.ts';
import { adminPage } from './pages.tsx';
import { Notice } from '../views/notice.tsx';

/** The largest admin request: a 5 MB spreadsheet and its multipart envelope. Checked before any body is parsed. */
const maxAdminBodyBytes = 5 * 1024 * 1024 + 64 * 1024;

export const limitAdminBody = bodyLimit({
  maxSize: maxAdminBodyBytes,
  onError: (c) =>
    adminPage(c, {
      title: adminImportUi.title,
      status: 413,
      main: (
        <>
          <h1>{adminImportUi.title}</h1>
          <Notice tone="error">{adminImportUi.tooBig}</Notice>
          <p>
            <a href="/quan-tri/nhap/">{adminImportUi.title}</a>
          </p>
        </>
      ),
    }),
});
