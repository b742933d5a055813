import { expect, test } from 'vitest';

import { sanitizeTemplate } from './template';

test('a template keeps its markup and loses scripts, event handlers and script URLs', () => {
  const html = sanitizeTemplate(
    '<h1 class="t">Label cats</h1><script>alert(1)</script><img src="x.png" onerror="alert(2)"><a href="javascript:alert(3)">go</a><a href=" JaVa\tscript:alert(4)">x</a><p>ok</p>',
  );
  expect(html).toBe('<h1 class="t">Label cats</h1><img src="x.png"><a>go</a><a>x</a><p>ok</p>');
});

test('elements that load or run code are removed with their content, in any case', () => {
  expect(
    sanitizeTemplate(
      '<IFRAME src="//evil"></IFRAME><svg><script>1</script></svg><ObJeCt data="x"></object><b>kept</b>',
    ),
  ).toBe('<b>kept</b>');
  expect(sanitizeTemplate('<form action="//evil"><input name="q"></form>')).toBe('');
});

test('Ground Truth crowd elements and their attributes stay, so the template still reads as designed', () => {
  expect(
    sanitizeTemplate('<crowd-form><crowd-bounding-box name="b" labels="[1]"/></crowd-form>'),
  ).toBe('<crowd-form><crowd-bounding-box name="b" labels="[1]"/></crowd-form>');
});
