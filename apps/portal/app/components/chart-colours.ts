/** The series colours every chart uses, in order, so a kind or a metric reads the same everywhere. */
export const chartColours = [
  '#2563eb',
  '#dc2626',
  '#16a34a',
  '#9333ea',
  '#ea580c',
  '#0891b2',
  '#ca8a04',
  '#db2777',
] as const;
