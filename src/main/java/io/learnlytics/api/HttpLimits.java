package io.learnlytics.api;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Limits that keep one client — broken, slow or hostile — from starving the others. Header and URL
 * sizes are refused by Jetty's parser before a route runs ({@link JettyErrors} words the answer);
 * slow and idle connections are cut so that they cannot hold the request threads.
 */
final class HttpLimits {
  /** Request line plus headers; a longer URL is a 414, longer headers a 431. */
  static final int MAX_HEADER_BYTES = 8 * 1024;

  /** Open connections at once; more wait in the OS accept queue until one closes. */
  static final int MAX_CONNECTIONS = 512;

  /**
   * Request threads: more than connections, so that a client stalling its own request (a body that
   * never comes) holds its own connection's thread but never another client's. Threads are made
   * when needed and end after a minute unused.
   */
  static final int MAX_THREADS = MAX_CONNECTIONS + 64;

  /** A connection that sends and reads nothing for this long is closed. */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  /** The idle timeout once {@link #MAX_CONNECTIONS} are open: idle connections make room fast. */
  static final Duration IDLE_TIMEOUT_AT_LIMIT = Duration.ofSeconds(2);

  /**
   * Slowest body upload accepted, averaged from the first byte: a client trickling a body a byte at
   * a time is cut instead of holding a connection and its thread for as long as it likes (measured
   * before: 400 such uploads left no thread for anyone for 10 s). A real client, even on a poor
   * mobile link, is a hundred times faster.
   */
  static final long MIN_BYTES_PER_SECOND = 1024;

  private HttpLimits() {}

  static void apply(JavalinConfig c) {
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 8, 60_000);
    threads.setName("http");
    c.jetty.threadPool = threads;
    c.jetty.modifyHttpConfiguration(
        http -> {
          http.setRequestHeaderSize(MAX_HEADER_BYTES);
          http.setIdleTimeout(IDLE_TIMEOUT.toMillis());
          http.setSendServerVersion(false);
        });
    c.jetty.modifyServer(
        server -> {
          NetworkConnectionLimit limit = new NetworkConnectionLimit(MAX_CONNECTIONS, server);
          limit.setEndPointIdleTimeout(IDLE_TIMEOUT_AT_LIMIT.toMillis());
          server.addBean(limit);
          // Javalin has set its handlers by now: the check wraps all of them. Reads only: Jetty
          // gives a response written in one piece length / rate to complete (45 ms for the
          // 45-byte ingest answer), and under load it cut answers to committed batches (issue 15).
          // A client that stops reading is closed by the idle timeout and holds only its thread.
          server.insertHandler(new MinimumDataRateHandler(MIN_BYTES_PER_SECOND, 0));
        });
  }
}
