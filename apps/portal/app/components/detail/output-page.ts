// Apart from the file list itself, so a route's loader can name the first page without the list's
// code joining the route's first-load JavaScript (the list is loaded lazily below the fold).
export const filesPerPage = 50;

/** The first page's input, which a loader prefetches so the server HTML lists the files. */
export function firstOutputPage(name: string) {
  return { name, cursor: null, limit: filesPerPage };
}
