package io.learnlytics.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Times GET requests over real HTTP for the API benchmarks. The client is made on first use: the
 * command line builds every command object, and a client costs tens of milliseconds to create.
 */
final class HttpTimer {
  private @Nullable HttpClient http;

  /** Milliseconds of {@code count} GETs of {@code url}, running {@code before} ahead of each. */
  double[] measure(String url, Runnable before, int count) throws Exception {
    double[] ms = new double[count];
    for (int i = 0; i < count; i++) {
      before.run();
      long t0 = System.nanoTime();
      get(url);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    return ms;
  }

  /** One GET that must answer 200. */
  void get(String url) throws Exception {
    HttpResponse<byte[]> r =
        client()
            .send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode());
    }
  }

  private synchronized HttpClient client() {
    if (http == null) {
      http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }
    return http;
  }

  /** "p50 p95 p99" of the given milliseconds. */
  static String percentiles(double[] ms) {
    double[] s = ms.clone();
    Arrays.sort(s);
    return String.format("%7.2f %7.2f %7.2f", at(s, 0.50), at(s, 0.95), at(s, 0.99));
  }

  private static double at(double[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }
}
