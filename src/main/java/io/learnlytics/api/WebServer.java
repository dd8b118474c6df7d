package io.learnlytics.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.http.util.MethodNotAllowedUtil;
import io.javalin.json.JavalinJackson;
import io.learnlytics.App;
import io.learnlytics.Workspace;
import io.learnlytics.access.AccessTokens;
import io.learnlytics.config.Config;
import io.learnlytics.config.Version;
import io.learnlytics.page.PageAssets;
import io.learnlytics.store.Counts;
import io.learnlytics.store.Database;
import io.learnlytics.store.QueryLimit;
import io.learnlytics.support.ApiException;
import io.learnlytics.support.Json;
import io.learnlytics.sync.SyncMetrics;
import io.learnlytics.sync.Watermarks;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletChannel;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: routes, authentication and the mapping of errors to the one error shape. */
public final class WebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

  /** Largest body of any route but {@code POST /api/events} (goals, insights). */
  static final int MAX_OTHER_BODY_BYTES = 64 * 1024;

  /** Set on a request once an error handler has written its answer. */
  private static final String ANSWERED = "learnlytics.answered";

  private final Javalin app;
  private final AnalyticsRoutes analytics;
  private final Supplier<Workspace> home;
  private final Duration queryLimit;

  /**
   * @param stopGrace how long {@link #close()} lets in-flight requests finish (tests use zero; a
   *     batch cut short is rolled back whole by its transaction, never half-written)
   */
  public WebServer(App app, Duration stopGrace) {
    this(app, stopGrace, TokenAuth.CACHE_TIME);
  }

  /**
   * @param tokenCacheTime how long token lookups are cached: a token created or revoked by the CLI
   *     takes effect within it (tests shorten it)
   */
  public WebServer(App app, Duration stopGrace, Duration tokenCacheTime) {
    Config config = app.config();
    boolean publicBind = !config.loopbackOnly() && !config.insecure();
    TokenAuth auth =
        new TokenAuth(config.apiToken(), publicBind, new AccessTokens(app.db()), tokenCacheTime);
    ApiMetrics metrics = new ApiMetrics(app.registry(), app.cache(), app.rollups(), app.clock());
    SyncMetrics.register(app.registry(), new Watermarks(app.db()), app.clock());
    LearnerScope scope = new LearnerScope(app);
    this.analytics = new AnalyticsRoutes(scope, app.cache(), metrics);
    this.home = () -> app.workspace(Database.DEFAULT_LEARNER).orElseThrow();
    PageAssets page = PageAssets.load();
    this.queryLimit = config.ingest().queryTimeout();
    this.app =
        Javalin.create(
            c -> {
              server(c, config, stopGrace);
              RequestGuard guard = new RequestGuard(config);
              c.routes.before(SecurityHeaders::add);
              c.routes.before(PathEscapes::check);
              c.routes.before(guard::checkCaller);
              c.routes.before("/api/*", auth);
              c.routes.before("/api/*", guard::checkBody);
              eventRoutes(c.routes, app, scope, metrics, auth);
              analyticsRoutes(c.routes, app, scope);
              c.routes.get("/metrics", ctx -> prometheus(ctx, app));
              c.routes.get(PageAssets.SCRIPT, page::script);
              c.routes.get(PageAssets.LAZY_SCRIPT, page::lazyScript);
              c.routes.get(PageAssets.STYLE, page::style);
              c.routes.exception(ApiException.class, WebServer::apiError);
              c.routes.exception(HttpResponseException.class, this::javalinError);
              c.routes.exception(Exception.class, WebServer::unexpected);
              c.routes.error(404, "*", WebServer::notFound);
            });
  }

  private static void server(JavalinConfig c, Config config, Duration stopGrace) {
    c.startup.showJavalinBanner = false;
    c.startup.showOldJavalinVersionWarning = false;
    c.jsonMapper(new JavalinJackson(Json.MAPPER, false));
    // A path that exists under other methods is a 405 with Allow (javalinError), not a 404.
    c.http.prefer405over404 = true;
    // Events stream their body (EventRoutes); every other body is a small JSON object.
    c.http.maxRequestSize = MAX_OTHER_BODY_BYTES;
    c.staticFiles.add("/public", Location.CLASSPATH);
    c.staticFiles.enableWebjars();
    c.jetty.host = config.host();
    c.jetty.port = config.port();
    HttpLimits.apply(c);
    c.jetty.modifyServer(
        server -> {
          server.setStopTimeout(stopGrace.toMillis());
          server.setErrorHandler(new JettyErrors());
        });
  }

  /** Health, the API contract, learners, and writing and deleting events. */
  private static void eventRoutes(
      RoutesConfig r, App app, LearnerScope scope, ApiMetrics metrics, TokenAuth auth) {
    Database db = app.db();
    EventRoutes events = new EventRoutes(scope, metrics);
    DeleteRoutes deletes = new DeleteRoutes(scope);
    r.get("/api/health", ctx -> health(ctx, db, auth.required(), app.clock()));
    r.get(MetaRoutes.META, new MetaRoutes()::get);
    LearnerRoutes learners = new LearnerRoutes(app);
    r.get(LearnerRoutes.LEARNERS, learners::list);
    r.get(LearnerScope.PREFIX, learners::get);
    r.put(LearnerScope.PREFIX, learners::put);
    twice(r::post, "/api/events", events::post);
    // On every path, not "/api/learners/{learner}/events": an after-handler with a path parameter
    // decodes it again, and a path such as /api/learners/%u0041/events, already refused with a 400
    // by PathEscapes, would turn into a 500 there.
    r.after(events::count);
    twice(r::delete, DeleteRoutes.EVENT, deletes::delete);
  }

  /** The dashboard's reads, goals, insights and exports, each timed by its route. */
  private void analyticsRoutes(RoutesConfig r, App app, LearnerScope scope) {
    AnalyticsRoutes a = analytics;
    read(r, AnalyticsRoutes.OVERVIEW, a::overview);
    read(r, AnalyticsRoutes.PROGRESS, a::progress);
    read(r, AnalyticsRoutes.TRENDS, a::trends);
    read(r, AnalyticsRoutes.TOPICS, a::topics);
    read(r, AnalyticsRoutes.TOPIC_PATH, a::path);
    read(r, AnalyticsRoutes.ANOMALIES, a::anomalies);
    read(r, AnalyticsRoutes.TOPIC_DETAIL, a::topicDetail);
    read(r, AnalyticsRoutes.RHYTHM, a::rhythm);
    read(r, AnalyticsRoutes.YEAR, a::year);
    read(r, AnalyticsRoutes.QUALITY, a::quality);
    read(r, AnalyticsRoutes.VELOCITY, a::velocity);
    read(r, AnalyticsRoutes.MONTH, a::month);
    GoalRoutes g = new GoalRoutes(scope, app.cache());
    read(r, GoalRoutes.GOALS, g::view);
    timed(r::post, GoalRoutes.GOALS, g::create);
    read(r, GoalRoutes.GOAL, g::get);
    timed(r::put, GoalRoutes.GOAL, g::update);
    timed(r::delete, GoalRoutes.GOAL, g::delete);
    StreakRoutes s = new StreakRoutes(scope, app.cache());
    read(r, StreakRoutes.STREAK, s::view);
    timed(r::put, StreakRoutes.PROTECTION, s::protect);
    InsightRoutes i = new InsightRoutes(scope, app.cache());
    read(r, InsightRoutes.INSIGHTS, i::list);
    timed(r::post, InsightRoutes.DISMISS, i::dismiss);
    timed(r::post, InsightRoutes.SEEN, i::seen);
    timed(r::post, InsightRoutes.GENERATE, i::generate);
    ExportRoutes e = new ExportRoutes(ctx -> scope.of(ctx).exports());
    timed(r::get, ExportRoutes.EXPORT, e::export);
  }

  /** A GET of {@link #timed}, its database reads under the {@link QueryLimit}. */
  private void read(RoutesConfig r, String path, Handler handler) {
    timed(r::get, path, ctx -> QueryLimit.within(queryLimit, () -> handler.handle(ctx)));
  }

  /** Adds a route for one HTTP method (or an after-handler) at a path. */
  @FunctionalInterface
  private interface Add {
    void add(String path, Handler handler);
  }

  /** Registers {@code path} for the default learner and its twin for any learner. */
  private static void twice(Add add, String path, Handler handler) {
    add.add(path, handler);
    add.add(LearnerScope.learnerPath(path), handler);
  }

  /** Like {@link #twice}, each path's requests counted and timed under its own template. */
  private void timed(Add add, String path, Handler handler) {
    add.add(path, analytics.instrumented(path, handler));
    String twin = LearnerScope.learnerPath(path);
    add.add(twin, analytics.instrumented(twin, handler));
  }

  public WebServer start() {
    app.start();
    return this;
  }

  /** Computes each endpoint's default answer into the cache. */
  public void warmUp() {
    analytics.warmUp(home.get());
  }

  /**
   * Every registered route as {@code "METHOD /path/{param}"}, sorted: what the hostile-input suite
   * checks it covers, read from Javalin's own router so that a route added later cannot be missed.
   */
  public List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(p -> p.endpoint)
        .filter(e -> e.method.isHttpMethod())
        .map(e -> e.method.name() + " " + e.path)
        .sorted()
        .toList();
  }

  /** The bound port (useful when configured as 0 in tests). */
  public int port() {
    return app.port();
  }

  /** Stops accepting requests, lets in-flight ones finish, then returns. */
  @Override
  public void close() {
    app.stop();
  }

  /** Status, version, database and counts; {@code auth} says whether the API wants a token. */
  private static void health(Context ctx, Database db, boolean auth, java.time.Clock clock) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    body.put("version", Version.get());
    body.put("database", db.location().toString());
    body.put("auth", auth);
    body.put("counts", Counts.of(db));
    body.put("sources", sources(db, clock));
    ctx.json(body);
  }

  /** Each synced source table: how far it is read, how far behind, and its last error. */
  private static List<Map<String, Object>> sources(Database db, java.time.Clock clock) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Watermarks.Mark m : new Watermarks(db).all()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("source", m.source());
      s.put("table", m.table());
      s.put("watermark", m.lastRowid());
      s.put("rows_read", m.rowsRead());
      s.put("lag_rows", m.lagRows());
      s.put("skipped", m.rowsSkipped());
      s.put("edits", m.edits());
      s.put("late_rows", m.lateRows());
      s.put(
          "last_sync",
          m.lastSyncUtc() == null
              ? null
              : java.time.Instant.ofEpochMilli(m.lastSyncUtc()).toString());
      s.put(
          "lag_seconds",
          m.lastSyncUtc() == null ? null : (clock.millis() - m.lastSyncUtc()) / 1000);
      s.put("last_error", m.lastError());
      out.add(s);
    }
    return out;
  }

  private static void prometheus(Context ctx, App app) throws IOException {
    PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out, app.registry().scrape());
    ctx.contentType(writer.getContentType()).result(out.toByteArray());
  }

  private static void apiError(ApiException e, Context ctx) {
    if (ctx.res().isCommitted()) {
      abort(ctx, e);
      return;
    }
    if (e.retryAfterSeconds() > 0) {
      ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
    }
    ctx.attribute(ANSWERED, true);
    ctx.status(e.status()).json(ErrorBody.of(e));
  }

  /**
   * Javalin's own errors (unknown route, wrong method, body over the size limit) in our shape. A
   * wrong method on a path that exists is a 405 whose {@code Allow} header and message list the
   * methods the path takes.
   */
  private void javalinError(HttpResponseException e, Context ctx) {
    int status = e.getStatus();
    if (status == 404 || status == 405) {
      closeUnreadBody(ctx);
    }
    String message = e.getMessage();
    if (status == 404) {
      message = "no route for " + ctx.method() + " " + ctx.path();
    } else if (status == 405) {
      String allowed = String.join(", ", allowedMethods(ctx.path()));
      ctx.header("Allow", allowed);
      message =
          ctx.method() + " is not allowed on " + ctx.path() + "; allowed methods are " + allowed;
    }
    ctx.attribute(ANSWERED, true);
    ctx.status(status).json(ErrorBody.of(JettyErrors.code(status), message));
  }

  /** The methods {@code path} has a route for, in the router's order; HEAD wherever GET is. */
  private List<String> allowedMethods(String path) {
    List<String> methods = new ArrayList<>();
    for (HandlerType t :
        MethodNotAllowedUtil.INSTANCE.findAvailableHttpHandlerTypes(
            app.unsafe.internalRouter, path)) {
      methods.add(t.name());
      if (t.equals(HandlerType.GET)) {
        methods.add(HandlerType.HEAD.name());
      }
    }
    return methods;
  }

  /**
   * Everything else: a locked or full database, or a broken request body, answers as what it is
   * ({@link Errors}); anything left is a server fault, logged once with its cause. A failure after
   * the response was committed cannot change the status any more: the connection is aborted.
   */
  private static void unexpected(Exception e, Context ctx) {
    if (e instanceof ExportRoutes.ClientGone) {
      LOG.info("{} {}: {} ({})", ctx.method(), ctx.path(), e.getMessage(), rootCause(e));
      abort(ctx, e);
      return;
    }
    if (ctx.res().isCommitted()) {
      LOG.error(
          "{} {} failed after the response started; aborting it", ctx.method(), ctx.path(), e);
      abort(ctx, e);
      return;
    }
    ApiException answer = Errors.classify(e);
    if (answer != null) {
      LOG.warn("{} {}: {} ({})", ctx.method(), ctx.path(), answer.getMessage(), rootCause(e));
      apiError(answer, ctx);
      return;
    }
    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
    ctx.attribute(ANSWERED, true);
    ctx.status(500).json(ErrorBody.of("internal_error", "the server failed; see its log"));
  }

  /** The 404 of a route that matched nothing, unless a handler already answered it. */
  private static void notFound(Context ctx) {
    if (ctx.attribute(ANSWERED) == null) {
      closeUnreadBody(ctx);
      ctx.json(ErrorBody.of("not_found", "no route for " + ctx.method() + " " + ctx.path()));
    }
  }

  /**
   * A 404 leaves the request body unread; whether Jetty can still skip it (and keep the connection)
   * depends on how much of it has arrived. Closing always makes every "no route" answer the same,
   * so that one hidden by authorization ({@link TokenAuth}) cannot be told from a real one.
   */
  private static void closeUnreadBody(Context ctx) {
    String length = ctx.header("Content-Length");
    if (ctx.header("Transfer-Encoding") != null || (length != null && !length.equals("0"))) {
      ctx.header("Connection", "close");
    }
  }

  /** Ends a committed response without completing it, so the client sees a broken transfer. */
  private static void abort(Context ctx, Throwable cause) {
    ServletChannel channel =
        ServletContextRequest.getServletContextRequest(ctx.req()).getServletChannel();
    channel.getEndPoint().close(cause); // no closing chunk: the client sees a broken transfer
  }

  private static String rootCause(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.toString();
  }
}
