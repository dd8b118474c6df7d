import { equal, test } from './harness.js';
import { contrast, parseColor, withContrast } from '/js/theme.js';

test('colours parse from hex and rgb(a)', () => {
  equal(parseColor('#fff'), [255, 255, 255, 1]);
  equal(parseColor('#4F46E5'), [79, 70, 229, 1]);
  equal(parseColor('rgba(79, 70, 229, 0.5)'), [79, 70, 229, 0.5]);
  equal(parseColor('rgb(1 2 3 / 40%)'), [1, 2, 3, 0.4]);
  equal(parseColor('linear-gradient(red, blue)'), null);
});

test('contrast ratios match WCAG', () => {
  equal(Math.round(contrast([0, 0, 0], [255, 255, 255]) * 10) / 10, 21);
  equal(Math.round(contrast([100, 116, 139], [255, 255, 255]) * 100) / 100, 4.76);
});

test('a faint line is lightened on dark panels and darkened on light ones until 3:1', () => {
  const onDark = parseColor(withContrast('#4F46E5', '#111827'));
  const onLight = parseColor(withContrast('#10B981', '#ffffff'));
  equal(contrast(onDark, [17, 24, 39]) >= 3, true);
  equal(contrast(onLight, [255, 255, 255]) >= 3, true);
  equal(onDark[0] > 79, true); // lighter
  equal(onLight[1] < 185, true); // darker
});

test('a colour that already has 3:1 is kept, alpha too', () => {
  equal(withContrast('#b91c1c', '#ffffff'), 'rgb(185, 28, 28)');
  equal(withContrast('rgba(185, 28, 28, 0.3)', '#ffffff'), 'rgba(185, 28, 28, 0.3)');
});
