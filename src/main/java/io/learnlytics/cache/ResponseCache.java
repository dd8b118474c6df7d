package io.learnlytics.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.learnlytics.support.Json;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Response cache of the dashboard API (the spec's "Response Caching Strategy", with its errors
 * fixed, DESIGN.md §6 item 7).
 *
 * <ul>
 *   <li>Keys are the endpoint plus its sorted, varying parameters.
 *   <li>Each endpoint has a TTL and a stale-while-revalidate window: within the TTL an entry is
 *       served as is; in the window after it, it is still served while one background task
 *       recomputes it; after that it is gone.
 *   <li>At most 100 entries and 50 MiB: every entry weighs at least 1/100 of the weight bound, so
 *       one Caffeine weight limit enforces both; eviction is Caffeine's (frequency and recency
 *       aware), not "soonest to expire".
 *   <li>Concurrent misses of one key compute it once (single flight), and at most one answer per
 *       core is computed at a time ({@link ComputeGate}).
 *   <li>Invalidation is real: {@link #invalidate} drops every entry of the named endpoints, and a
 *       generation counter stops a computation that started before an invalidation from storing its
 *       (possibly outdated) answer.
 * </ul>
 *
 * <p>Answers are stored serialised twice, with {@code meta.cached} false (returned to the request
 * that computed it) and true (returned to every hit), so a hit costs a map lookup and no JSON work.
 */
public final class ResponseCache {
  public static final long MAX_WEIGHT_BYTES = 50L * 1024 * 1024;
  public static final int MAX_ENTRIES = 100;
  private static final int MIN_WEIGHT = (int) (MAX_WEIGHT_BYTES / MAX_ENTRIES);

  private final Cache<String, Entry> cache;
  private final Ticker ticker;
  private final Executor refresher;
  private final ComputeGate gate;
  private final AtomicLong generation = new AtomicLong();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private final AtomicLong joined = new AtomicLong();
  private final Map<String, Boolean> refreshing = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Entry>> flights = new ConcurrentHashMap<>();

  /** TTL and stale-while-revalidate window of one endpoint. */
  public record Policy(Duration ttl, Duration staleWhileRevalidate) {}

  private record Entry(
      String endpoint, byte[] fresh, byte[] hit, long storedNanos, Policy policy) {}

  public ResponseCache(Ticker ticker, Executor refresher) {
    this(ticker, refresher, ComputeGate.perCore());
  }

  public ResponseCache(Ticker ticker, Executor refresher, ComputeGate gate) {
    this.ticker = ticker;
    this.refresher = refresher;
    this.gate = gate;
    this.cache =
        Caffeine.newBuilder()
            .ticker(ticker)
            .maximumWeight(MAX_WEIGHT_BYTES)
            .weigher((String k, Entry e) -> Math.max(MIN_WEIGHT, e.fresh().length + e.hit().length))
            .expireAfter(new PolicyExpiry())
            .build();
  }

  /** The answer as JSON bytes; {@code compute} runs on a miss and returns the response object. */
  public byte[] get(
      String endpoint, Map<String, String> params, Policy policy, Supplier<?> compute) {
    String key = key(endpoint, params);
    Entry e = cache.getIfPresent(key);
    if (e == null) {
      misses.incrementAndGet();
      return computeOnce(key, endpoint, policy, compute).fresh();
    }
    hits.incrementAndGet();
    if (ticker.read() - e.storedNanos() > policy.ttl().toNanos()) {
      revalidate(key, endpoint, policy, compute);
    }
    return e.hit();
  }

  /**
   * Single flight: concurrent misses of one key share one computation instead of each computing it
   * (a thundering herd: after every ingest commit empties the cache, 50 dashboard clients asked for
   * the same answer 50 times at once). A flight is joined only by requests of the same generation,
   * so a request that arrives after an invalidation never receives an answer computed from the data
   * before it.
   */
  private Entry computeOnce(String key, String endpoint, Policy policy, Supplier<?> compute) {
    long gen = generation.get();
    String flightKey = gen + " " + key;
    CompletableFuture<Entry> mine = new CompletableFuture<>();
    CompletableFuture<Entry> running = flights.putIfAbsent(flightKey, mine);
    if (running != null) {
      joined.incrementAndGet();
      return await(running);
    }
    try {
      // A flight that ended between our lookup and putIfAbsent may have stored the answer already.
      Entry stored = cache.getIfPresent(key);
      Entry fresh =
          stored != null && generation.get() == gen
              ? stored
              : gate.run(() -> entry(endpoint, policy, compute.get()));
      storeUnlessInvalidated(key, fresh, gen);
      mine.complete(fresh);
      return fresh;
    } catch (RuntimeException | Error ex) {
      mine.completeExceptionally(ex); // the waiters fail as the computing request does
      throw ex;
    } finally {
      flights.remove(flightKey, mine);
    }
  }

  private static Entry await(CompletableFuture<Entry> flight) {
    try {
      return flight.join();
    } catch (CompletionException ex) {
      Throwable cause = ex.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw ex;
    }
  }

  /** Drops every entry of the given endpoints (all when none are named). */
  public void invalidate(String... endpoints) {
    generation.incrementAndGet();
    if (endpoints.length == 0) {
      cache.invalidateAll();
      return;
    }
    for (String endpoint : endpoints) {
      cache.asMap().values().removeIf(e -> e.endpoint().equals(endpoint));
    }
  }

  public long hits() {
    return hits.get();
  }

  public long misses() {
    return misses.get();
  }

  /** Misses that waited for another request's computation of the same answer (single flight). */
  public long joined() {
    return joined.get();
  }

  /** Hits over lookups since start, 0 before the first lookup. */
  public double hitRate() {
    long h = hits.get();
    long total = h + misses.get();
    return total == 0 ? 0 : (double) h / total;
  }

  public long size() {
    return cache.estimatedSize();
  }

  private void revalidate(String key, String endpoint, Policy policy, Supplier<?> compute) {
    if (refreshing.putIfAbsent(key, Boolean.TRUE) != null) {
      return; // one recomputation per key at a time
    }
    long gen = generation.get();
    refresher.execute(
        () -> {
          try {
            storeUnlessInvalidated(key, entry(endpoint, policy, compute.get()), gen);
          } finally {
            refreshing.remove(key);
          }
        });
  }

  /**
   * Stores {@code fresh} only if no invalidation happened since {@code gen} was read. The check
   * runs inside the map's atomic compute, and {@link #invalidate} bumps the generation before
   * removing, so an invalidation either sees the stored entry and removes it or makes this store a
   * no-op.
   */
  private void storeUnlessInvalidated(String key, Entry fresh, long gen) {
    cache.asMap().compute(key, (k, old) -> generation.get() == gen ? fresh : old);
  }

  private Entry entry(String endpoint, Policy policy, Object response) {
    ObjectNode node = Json.MAPPER.valueToTree(response);
    try {
      byte[] fresh = Json.MAPPER.writeValueAsBytes(node);
      if (node.get("meta") instanceof ObjectNode meta) {
        meta.put("cached", true);
      }
      byte[] hit = Json.MAPPER.writeValueAsBytes(node);
      return new Entry(endpoint, fresh, hit, ticker.read(), policy);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("a response could not be serialised", ex);
    }
  }

  static String key(String endpoint, Map<String, String> params) {
    return endpoint + "?" + new TreeMap<>(params);
  }

  /** Each entry lives for its endpoint's TTL plus its stale-while-revalidate window. */
  private static final class PolicyExpiry implements Expiry<String, Entry> {
    @Override
    public long expireAfterCreate(String key, Entry e, long now) {
      return e.policy().ttl().plus(e.policy().staleWhileRevalidate()).toNanos();
    }

    @Override
    public long expireAfterUpdate(String key, Entry e, long now, long current) {
      return expireAfterCreate(key, e, now);
    }

    @Override
    public long expireAfterRead(String key, Entry e, long now, long current) {
      return current;
    }
  }
}
