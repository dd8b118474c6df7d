import { equal, test } from './harness.js';
import { relationWords } from '/js/topics.js';

test('relation types read as words', () => {
  equal(relationWords('BUILDS_ON'), 'builds on');
  equal(relationWords('RELATES_TO'), 'relates to');
});
