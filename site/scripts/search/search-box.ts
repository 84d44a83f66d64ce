// OWNER: search (issue 3). Entry loaded by the search box (SearchBox.astro) the
// first time it gets focus: enhances the box with results as the user types.
import { enhanceSearchBox } from './search-ui.ts';

const form = document.querySelector<HTMLFormElement>('form[data-search-box]');
if (form) enhanceSearchBox(form);
