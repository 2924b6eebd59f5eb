/** One page of a staff list, as every list endpoint returns it. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Page sizes offered in list screens. */
export const PAGE_SIZE_OPTIONS = [10, 20, 50, 100];

/** An exam area as lists and pickers show it. */
export interface ExamAreaRef {
  id: number;
  code: string;
  name: string;
}
