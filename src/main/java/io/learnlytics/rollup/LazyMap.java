package io.learnlytics.rollup;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A map read from a stored JSON column, parsed the first time it is used. A dashboard answer reads
 * dozens to hundreds of rollup rows but usually needs one of their three topic maps, or none; the
 * parsing was most of such an answer's time. Rows computed by a rollup hold their rendered JSON the
 * same way, so it is stored as rendered. Not thread-safe, like the rows it belongs to.
 */
final class LazyMap<V> extends AbstractMap<String, V> {
  private final String json;
  private final Function<String, Map<String, V>> parse;

  @SuppressWarnings("NullAway.Init") // parsed on first use by map()
  private Map<String, V> map;

  LazyMap(String json, Function<String, Map<String, V>> parse) {
    this.json = json;
    this.parse = parse;
  }

  private Map<String, V> map() {
    if (map == null) {
      map = java.util.Collections.unmodifiableMap(parse.apply(json));
    }
    return map;
  }

  /** The JSON this map was (or will be) parsed from. */
  String json() {
    return json;
  }

  @Override
  public Set<Entry<String, V>> entrySet() {
    return map().entrySet();
  }

  @Override
  public @Nullable V get(Object key) {
    return map().get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return map().containsKey(key);
  }

  @Override
  public int size() {
    return map().size();
  }
}
