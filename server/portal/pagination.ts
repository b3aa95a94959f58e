// The GOV.UK pagination component's parameters for page `page` of `pages` (numbered from 1), or
// undefined when everything fits on one page; `hrefOf` makes the link to a page.
export function paginationOf(page: number, pages: number, hrefOf: (page: number) => string) {
  if (pages <= 1) return undefined;
  return {
    previous: page > 1 ? { href: hrefOf(page - 1) } : undefined,
    next: page < pages ? { href: hrefOf(page + 1) } : undefined,
    items: Array.from({ length: pages }, (_, index) => ({ number: index + 1, href: hrefOf(index + 1), current: index + 1 === page })),
  };
}
