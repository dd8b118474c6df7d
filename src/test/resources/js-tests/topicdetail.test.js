import { equal, test } from './harness.js';
import { topicLink, topicInUrl } from '/js/topicdetail.js';

test('a topic link keeps the page parameters and carries any topic name', () => {
  const before = new URLSearchParams(location.search);
  for (const name of ['recursion', 'list comprehensions', 'C++ & C#', 'a/b?c=d#e', 'ünïcödé']) {
    const link = topicLink(name);
    const url = new URL(link.getAttribute('href'), location.origin);
    equal(url.pathname, location.pathname);
    equal(url.searchParams.get('topic'), name);
    for (const [k, v] of before) if (k !== 'topic') equal(url.searchParams.get(k), v);
    equal(link.textContent, name);
    equal(link.dataset.topic, name);
  }
});

test('without ?topic= in the address no topic is open', () => {
  equal(topicInUrl(), new URLSearchParams(location.search).get('topic'));
});
