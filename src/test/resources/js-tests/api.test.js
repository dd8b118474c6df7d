import { equal, test } from './harness.js';
import { scoped } from '/js/api.js';

test('a page for ?learner=alice reads and writes alice\'s data routes', () => {
  equal(scoped('/api/analytics/overview?period=7d', '?learner=alice'), '/api/learners/alice/analytics/overview?period=7d');
  equal(scoped('/api/analytics/goals/g1', '?learner=a.b-c_d'), '/api/learners/a.b-c_d/analytics/goals/g1');
  equal(scoped('/api/events', '?x=1&learner=bob'), '/api/learners/bob/events');
});

test('without a learner, or with one that cannot be an id, the default learner\'s paths are used', () => {
  equal(scoped('/api/analytics/overview', ''), '/api/analytics/overview');
  equal(scoped('/api/analytics/overview', '?learner='), '/api/analytics/overview');
  equal(scoped('/api/analytics/overview', '?learner=../x'), '/api/analytics/overview');
  equal(scoped('/api/analytics/overview', '?learner=-x'), '/api/analytics/overview');
});

test('routes that are not one learner\'s data are never scoped', () => {
  equal(scoped('/api/meta', '?learner=alice'), '/api/meta');
  equal(scoped('/api/health', '?learner=alice'), '/api/health');
  equal(scoped('/api/analyticsx', '?learner=alice'), '/api/analyticsx');
});
