package io.learnlytics.cli;

import io.javalin.util.JavalinBindException;
import io.learnlytics.App;
import io.learnlytics.access.AccessTokens;
import io.learnlytics.api.WebServer;
import io.learnlytics.config.Config;
import io.learnlytics.config.ConfigException;
import io.learnlytics.store.Counts;
import io.learnlytics.store.ServerLock;
import io.learnlytics.sync.SyncScheduler;
import io.learnlytics.sync.SyncService;
import io.learnlytics.sync.VoiceAgentSource;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: runs the HTTP server until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the HTTP server.")
final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  @Mixin ConfigOptions options;

  @Option(
      names = "--demo",
      description = "Load the demo history (180 days, seed 42) if the database is empty")
  boolean demo;

  @Option(
      names = "--source",
      paramLabel = "voice-agent:DIR",
      description =
          "Tail the voice learning assistant's databases in DIR (read-only), every"
              + " --source-interval-seconds (env LEARNLYTICS_SOURCE)")
  String source;

  @Option(
      names = "--source-interval-seconds",
      defaultValue = "${env:LEARNLYTICS_SOURCE_INTERVAL_SECONDS:-5}",
      description = "Seconds between two reads of the source (default: ${DEFAULT-VALUE})")
  int sourceIntervalSeconds;

  @Override
  public Integer call() throws InterruptedException {
    long started = System.nanoTime();
    Config config = options.toConfig();
    VoiceAgentSource tailed = tailedSource();
    ServerLock lock = ServerLock.acquire(config.db());
    App app = open(config, lock);
    boolean storedTokens = refuseUnsafeBind(config, app, lock);
    Thread demoLoad = startDemoLoad(app, config);
    WebServer server = startServer(app, lock, demoLoad);
    if (demoLoad.isAlive()) {
      demoLoad.join();
    }
    // The cache is filled after the background jobs' first run (and each later one), which would
    // otherwise drop a warm-up done now at once (the demo's rollups and insights).
    app.startBackground(server::warmUp);
    SyncScheduler tail = tailed == null ? null : tail(tailed, app);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(shutdown(tail, server, app, lock, stopped));
    logListening(config, server, app, storedTokens, started);
    stopped.await();
    return 0;
  }

  /**
   * The demo history loads while the HTTP server starts (both take about half a second); the
   * background refresher starts once it is in, and turns it into rollups within a second. The
   * thread is started only for {@code --demo} on an empty database.
   */
  private Thread startDemoLoad(App app, Config config) {
    Thread demoLoad =
        new Thread(() -> DemoCommand.loadDefaultDemo(app.ingest(), config), "demo-load");
    if (demo && Counts.isEmpty(app.db())) {
      demoLoad.start();
    }
    return demoLoad;
  }

  /** The source to tail, from --source or else LEARNLYTICS_SOURCE; null for none. */
  private @Nullable VoiceAgentSource tailedSource() {
    String sourceSpec = source != null ? source : System.getenv("LEARNLYTICS_SOURCE");
    return sourceSpec == null || sourceSpec.isBlank()
        ? null
        : VoiceAgentSource.parse(sourceSpec.strip());
  }

  private static App open(Config config, ServerLock lock) {
    try {
      return App.openChecked(config);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Refuses a bind beyond loopback without authentication ({@link Config#checkBindIsSafe}), closing
   * what is open. Stored tokens live in the database, so this waits until it is open.
   *
   * @return whether stored tokens not revoked exist (requests then need one)
   */
  private static boolean refuseUnsafeBind(Config config, App app, ServerLock lock) {
    try {
      boolean storedTokens = new AccessTokens(app.db()).anyValid();
      config.checkBindIsSafe(storedTokens);
      return storedTokens;
    } catch (RuntimeException e) {
      app.close();
      lock.close();
      throw e;
    }
  }

  /** Starts the HTTP server; when the port is taken, closes everything and says so. */
  private static WebServer startServer(App app, ServerLock lock, Thread demoLoad)
      throws InterruptedException {
    try {
      return new WebServer(app, STOP_GRACE).start();
    } catch (JavalinBindException e) {
      demoLoad.join();
      app.close();
      lock.close();
      Config config = app.config();
      throw new ConfigException(
          "port "
              + config.port()
              + " on "
              + config.host()
              + " is already in use; stop the program using it or choose another --port");
    }
  }

  private SyncScheduler tail(VoiceAgentSource tailed, App app) {
    return new SyncScheduler(
        new SyncService(tailed, app.ingest(), app.db(), app.clock()),
        Duration.ofSeconds(Math.max(1, sourceIntervalSeconds)));
  }

  private static Thread shutdown(
      @Nullable SyncScheduler tail,
      WebServer server,
      App app,
      ServerLock lock,
      CountDownLatch stopped) {
    return new Thread(
        () -> {
          LOG.info("stopping: finishing in-flight requests");
          if (tail != null) {
            tail.close();
          }
          server.close();
          app.close();
          lock.close();
          stopped.countDown();
        },
        "learnlytics-shutdown");
  }

  private static void logListening(
      Config config, WebServer server, App app, boolean storedTokens, long started) {
    LOG.info(
        "Learnlytics listening on http://{}:{} (database {}, zone {}, auth {}) in {} ms",
        config.host(),
        server.port(),
        app.db().location(),
        config.zone(),
        config.apiToken().isPresent() ? "bearer token" : storedTokens ? "stored tokens" : "off",
        (System.nanoTime() - started) / 1_000_000);
  }
}
