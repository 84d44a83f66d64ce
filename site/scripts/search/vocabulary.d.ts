// Built by site/integrations/search-index.ts from the guides' keywords.
declare module 'virtual:search-vocabulary' {
  const vocabulary: string[];
  export default vocabulary;
}
