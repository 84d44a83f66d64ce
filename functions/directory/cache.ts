/** Directory data changes only on import: browsers keep it 5 minutes, the edge an hour. */
export const DIRECTORY_CACHE_CONTROL = 'public, max-age=300, s-maxage=3600';
