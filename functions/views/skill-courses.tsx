// Members' pointer to the courses that lead to the national digital-skills
// confirmation (QĐ 757/QĐ-BKHCN; issue 19 point 5). Only what official pages
// confirm: people learn on binhdanhocvuso.gov.vn, signed in with their own
// VNeID account. No course addresses are listed until one is confirmed.
import { ui } from '../../site/i18n/ui.ts';
import { paths, skillsPlatformUrl } from '../../site/utils/urls.ts';

const t = ui.skills;

export function SkillCourses() {
  return (
    <section aria-labelledby="ky-nang-so">
      <h2 id="ky-nang-so">{t.memberHeading}</h2>
      <p>{t.memberText}</p>
      <ul>
        <li>
          <a href={skillsPlatformUrl}>{t.memberPlatformLink}</a>
        </li>
        <li>
          <a href={paths.skills}>{t.memberSkillsLink}</a>
        </li>
      </ul>
    </section>
  );
}
