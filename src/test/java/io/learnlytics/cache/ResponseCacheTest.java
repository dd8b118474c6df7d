package io.learnlytics.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.cache.ResponseCache.Policy;
import io.learnlytics.support.Json;
import io.learnlytics.testing.Await;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The response cache on a fake ticker: TTL, stale-while-revalidate, invalidation that wins over
 * computations already running, the 100-entry bound and the hit rate.
 */
class ResponseCacheTest {
  static final String OVERVIEW = "/api/analytics/overview";
  static final String TOPICS = "/api/analytics/topics";
  static final Policy POLICY = new Policy(Duration.ofSeconds(10), Duration.ofSeconds(5));
  static final Map<String, String> P7 = Map.of("period", "7d");

  final AtomicLong nanos = new AtomicLong();
  final List<Runnable> queued = new ArrayList<>();
  final ResponseCache direct = new ResponseCache(nanos::get, Runnable::run);
  final ResponseCache deferred = new ResponseCache(nanos::get, queued::add);

  /** A supplier answering {"value": n, "meta": {"cached": false}} with n = 1, 2, ... per call. */
  static final class Counting implements Supplier<Object> {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Object get() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("value", calls.incrementAndGet());
      body.put("meta", new LinkedHashMap<>(Map.of("cached", false)));
      return body;
    }
  }

  @Test
  void a_miss_computes_and_answers_uncached_then_a_hit_within_the_ttl_does_not_compute() {
    Counting compute = new Counting();

    JsonNode miss = json(direct.get(OVERVIEW, P7, POLICY, compute));
    advance(9_999);
    JsonNode hit = json(direct.get(OVERVIEW, P7, POLICY, compute));

    assertThat(miss.get("value").asInt()).isEqualTo(1);
    assertThat(miss.at("/meta/cached").asBoolean()).isFalse();
    assertThat(hit.get("value").asInt()).isEqualTo(1);
    assertThat(hit.at("/meta/cached").asBoolean()).isTrue();
    assertThat(compute.calls).hasValue(1);
  }

  @Test
  void after_the_ttl_the_stale_answer_is_served_while_one_recomputation_replaces_it() {
    Counting compute = new Counting();
    direct.get(OVERVIEW, P7, POLICY, compute);

    advance(11_000); // past the 10 s TTL, inside the 5 s stale window
    JsonNode stale = json(direct.get(OVERVIEW, P7, POLICY, compute));
    JsonNode next = json(direct.get(OVERVIEW, P7, POLICY, compute));

    assertThat(stale.get("value").asInt()).isEqualTo(1);
    assertThat(stale.at("/meta/cached").asBoolean()).isTrue();
    assertThat(compute.calls).hasValue(2);
    assertThat(next.get("value").asInt()).isEqualTo(2);
    assertThat(next.at("/meta/cached").asBoolean()).isTrue();
  }

  @Test
  void stale_hits_while_a_recomputation_is_pending_start_no_second_one() {
    Counting compute = new Counting();
    deferred.get(OVERVIEW, P7, POLICY, compute);
    advance(11_000);

    deferred.get(OVERVIEW, P7, POLICY, compute);
    deferred.get(OVERVIEW, P7, POLICY, compute);
    deferred.get(OVERVIEW, P7, POLICY, compute);

    assertThat(queued).hasSize(1);
    queued.remove(0).run();
    assertThat(compute.calls).hasValue(2);
    assertThat(json(deferred.get(OVERVIEW, P7, POLICY, compute)).get("value").asInt()).isEqualTo(2);
  }

  @Test
  void after_ttl_plus_stale_window_the_entry_is_gone_and_a_request_recomputes() {
    Counting compute = new Counting();
    direct.get(OVERVIEW, P7, POLICY, compute);

    advance(16_000); // 10 s TTL + 5 s window are over
    JsonNode answer = json(direct.get(OVERVIEW, P7, POLICY, compute));

    assertThat(answer.get("value").asInt()).isEqualTo(2);
    assertThat(answer.at("/meta/cached").asBoolean()).isFalse();
    assertThat(compute.calls).hasValue(2);
  }

  @Test
  void parameters_in_any_order_are_the_same_key_and_other_values_are_other_keys() {
    Counting compute = new Counting();
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("period", "7d");
    ab.put("limit", "5");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("limit", "5");
    ba.put("period", "7d");

    direct.get(TOPICS, ab, POLICY, compute);
    JsonNode same = json(direct.get(TOPICS, ba, POLICY, compute));
    Map<String, String> otherLimit = Map.of("period", "7d", "limit", "6");
    JsonNode other = json(direct.get(TOPICS, otherLimit, POLICY, compute));

    assertThat(same.at("/meta/cached").asBoolean()).isTrue();
    assertThat(other.at("/meta/cached").asBoolean()).isFalse();
    assertThat(compute.calls).hasValue(2);
  }

  @Test
  void invalidating_an_endpoint_drops_only_that_endpoints_entries() {
    Counting overview = new Counting();
    Counting topics = new Counting();
    direct.get(OVERVIEW, P7, POLICY, overview);
    direct.get(OVERVIEW, Map.of("period", "30d"), POLICY, overview);
    direct.get(TOPICS, P7, POLICY, topics);

    direct.invalidate(OVERVIEW);

    assertThat(json(direct.get(OVERVIEW, P7, POLICY, overview)).at("/meta/cached").asBoolean())
        .isFalse();
    assertThat(json(direct.get(TOPICS, P7, POLICY, topics)).at("/meta/cached").asBoolean())
        .isTrue();
    assertThat(overview.calls).hasValue(3);
    assertThat(topics.calls).hasValue(1);
  }

  @Test
  void invalidating_everything_drops_every_endpoint() {
    Counting compute = new Counting();
    direct.get(OVERVIEW, P7, POLICY, compute);
    direct.get(TOPICS, P7, POLICY, compute);

    direct.invalidate();

    assertThat(direct.size()).isZero();
    assertThat(json(direct.get(TOPICS, P7, POLICY, compute)).at("/meta/cached").asBoolean())
        .isFalse();
  }

  @Test
  void an_answer_computed_across_an_invalidation_is_returned_but_not_stored() {
    Counting inner = new Counting();
    Supplier<Object> invalidatedMeanwhile =
        () -> {
          Object answer = inner.get();
          direct.invalidate(OVERVIEW); // new data arrived while this answer was being computed
          return answer;
        };

    JsonNode first = json(direct.get(OVERVIEW, P7, POLICY, invalidatedMeanwhile));
    JsonNode second = json(direct.get(OVERVIEW, P7, POLICY, inner));

    assertThat(first.get("value").asInt()).isEqualTo(1);
    assertThat(second.get("value").asInt()).isEqualTo(2);
    assertThat(second.at("/meta/cached").asBoolean()).isFalse();
  }

  @Test
  void a_revalidation_that_started_before_an_invalidation_does_not_store_its_answer() {
    Counting compute = new Counting();
    deferred.get(OVERVIEW, P7, POLICY, compute);
    advance(11_000);
    deferred.get(OVERVIEW, P7, POLICY, compute); // queues the revalidation

    deferred.invalidate(OVERVIEW);
    queued.remove(0).run();
    JsonNode after = json(deferred.get(OVERVIEW, P7, POLICY, compute));

    assertThat(after.at("/meta/cached").asBoolean()).isFalse();
    assertThat(after.get("value").asInt()).isEqualTo(3);
  }

  @Test
  void the_cache_holds_at_most_100_entries() {
    Counting compute = new Counting();
    for (int i = 0; i < 150; i++) {
      direct.get(OVERVIEW, Map.of("k", Integer.toString(i)), POLICY, compute);
    }

    // Caffeine evicts in its maintenance task on another thread, which a lookup schedules; it
    // offers no hook to wait on, so poll (bounded) until the bound is enforced.
    Await.until(
        "eviction down to " + ResponseCache.MAX_ENTRIES + " entries",
        () -> {
          direct.get(OVERVIEW, Map.of("k", "0"), POLICY, compute);
          return direct.size() <= ResponseCache.MAX_ENTRIES;
        },
        Duration.ofSeconds(5));

    assertThat(direct.size()).isEqualTo(100);
  }

  @Test
  void hit_rate_is_hits_over_lookups_and_zero_before_any_lookup() {
    Counting compute = new Counting();
    assertThat(direct.hitRate()).isZero();

    direct.get(OVERVIEW, P7, POLICY, compute); // miss
    direct.get(OVERVIEW, P7, POLICY, compute); // hit
    direct.get(OVERVIEW, P7, POLICY, compute); // hit
    assertThat(direct.hitRate()).isCloseTo(2.0 / 3, within(1e-12));

    direct.get(TOPICS, P7, POLICY, compute); // miss
    assertThat(direct.hitRate()).isEqualTo(0.5);
  }

  private void advance(long millis) {
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  private static JsonNode json(byte[] body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
