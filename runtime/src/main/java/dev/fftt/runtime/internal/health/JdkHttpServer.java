package dev.fftt.runtime.internal.health;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.fftt.runtime.internal.util.Log;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The health page on the JDK's {@code jdk.httpserver}: every request goes to {@link Routes} on one
 * daemon thread, {@value #THREAD}, which never waits on anything but the request (the health
 * report reads counters; it never posts to a loop).
 *
 * <p>The only class of the runtime that names {@code com.sun.net.httpserver} types. That module
 * is defined to the platform class loader, which a class on the boot class path (where the agent
 * puts the runtime) cannot see, so {@link HealthPage} defines this class in a loader of its own
 * ({@link JdkHttpLoader}) and talks to it through {@link HealthEndpoint}. Keep it free of nested
 * classes (the loader defines this one class and its lambdas).
 *
 * <p>Thread-safe. Internal; not API, may change without notice.
 */
public final class JdkHttpServer implements HealthEndpoint, HttpHandler {

  /** The name of the thread that serves the page. */
  public static final String THREAD = "fftt-health";

  private final HttpServer server;
  /** Taken when bound: the server cannot say it once stopped. */
  private final InetSocketAddress address;
  private final ExecutorService thread;
  private final Routes routes;
  /** Claimed by the first close: the server is stopped once. */
  private final AtomicBoolean closed = new AtomicBoolean();

  private JdkHttpServer(HttpServer server, ExecutorService thread, Routes routes) {
    this.server = server;
    this.address = server.getAddress();
    this.thread = thread;
    this.routes = routes;
  }

  /**
   * Binds {@code address} and starts serving {@code routes}; called reflectively by
   * {@link HealthPage}. The caller's interrupt flag is kept (set again when it was set).
   *
   * @throws IOException when the address cannot be bound (in use, not local, not allowed)
   */
  public static HealthEndpoint start(InetSocketAddress address, Routes routes) throws IOException {
    HttpServer server = HttpServer.create(address, 0); // binds: throws before any thread exists
    ExecutorService thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), task -> {
          // No inherited thread-locals: the serving thread owes nothing to whoever started it.
          Thread t = new Thread(null, task, THREAD, 0, false);
          t.setDaemon(true);
          return t;
        });
    JdkHttpServer served = new JdkHttpServer(server, thread, routes);
    server.createContext("/", served);
    server.setExecutor(thread);
    // Started from the daemon thread: the JDK's dispatcher thread takes its daemon flag from the
    // thread that starts the server, so the page never keeps the JVM alive.
    Future<?> started = thread.submit(server::start);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          started.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // starting takes microseconds: finish it, then say so
        }
      }
    } catch (ExecutionException e) {
      served.close();
      throw new IOException("the health page's server did not start", e.getCause());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return served;
  }

  @Override
  public InetSocketAddress address() {
    return address;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0); // closes the listener and every connection at once
      thread.shutdownNow();
    }
  }

  /** Runs on {@value #THREAD} for each request. */
  @Override
  public void handle(HttpExchange exchange) {
    try {
      String method = exchange.getRequestMethod();
      Reply reply = routes.respond(method, exchange.getRequestURI().getRawPath(),
          exchange.getRequestHeaders().getFirst("Authorization"));
      Headers headers = exchange.getResponseHeaders();
      for (Map.Entry<String, String> h : reply.headers().entrySet()) {
        headers.set(h.getKey(), h.getValue());
      }
      if (method.equals("HEAD")) {
        // The JDK sends no body for HEAD and wants no length passed in; the header says it.
        headers.set("Content-Length", Integer.toString(reply.length()));
        exchange.sendResponseHeaders(reply.status(), -1);
      } else {
        exchange.sendResponseHeaders(reply.status(), reply.length() == 0 ? -1 : reply.length());
        try (OutputStream body = exchange.getResponseBody()) {
          reply.writeBody(body);
        }
      }
    } catch (IOException e) {
      // The client went away mid-reply: nothing to tell anyone.
      Log.debug("FFTT health page: a reply was cut short: " + e);
    } finally {
      exchange.close();
    }
  }

  @Override
  public String toString() {
    return "health page at " + address;
  }
}
