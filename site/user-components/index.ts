// The components editors may use in MDX without importing them: the guide page
// passes this map to <Content components={...} />.
import Callout from './Callout.astro';
import Figure from './Figure.astro';
import Prepare from './Prepare.astro';
import Steps from './Steps.astro';

export const authoringComponents = { Steps, Callout, Prepare, Figure };
