package dev.llmcatalog.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A local stand-in for the Hub's model API, for the benchmark only: every answer starts {@code latencyMs} after its
 * request arrived, the mock's own building of it included (as a real server's time is part of what a client waits), so
 * that a request costs the latency the benchmark's bound counts, not the latency plus this stand-in's work on the
 * benchmark's own cores. Authors are model families of a given size ({@code author/model-00042}); the list endpoint pages
 * them 1000 at a time with {@code Link: rel="next"}, the model-info endpoint answers any of them. Raising
 * the generation changes 1% of every family (sha, lastModified, downloads), a different 1% each time.
 * Requests are counted by kind: list pages of the query groups' authors ({@link #groupPages}), list pages of the
 * listed models' authors ({@link #authorListings}, families added with {@link #listedFamily}) and model-info
 * requests ({@link #modelRequests}; {@link #groupModelRequests} those of models outside the listed families).
 */
final class MockHub implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(64, r -> {
    Thread t = new Thread(r, "mock-hub");
    t.setDaemon(true);
    return t;
  });
  private final long latencyMs;
  private final Map<String, Integer> families = new LinkedHashMap<>();
  /** Authors of the listed models, whose list requests count as author listings. */
  private final Set<String> listedAuthors = ConcurrentHashMap.newKeySet();
  /** List requests (pages) for any other author: the query groups. */
  final AtomicLong groupPages = new AtomicLong();
  /** List requests (pages) for an author of listed models. */
  final AtomicLong authorListings = new AtomicLong();
  /** Model-info requests, all. */
  final AtomicLong modelRequests = new AtomicLong();
  /** Model-info requests for models outside the listed families. */
  final AtomicLong groupModelRequests = new AtomicLong();
  private final AtomicInteger generation = new AtomicInteger();

  MockHub(long latencyMs) throws IOException {
    this.latencyMs = latencyMs;
    // The JDK server leaves Nagle's algorithm on by default: with delayed ACKs that adds ~40 ms to a small answer
    // on a reused connection, which no real Hub front end does. Read once, when the server class initializes.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.setExecutor(pool);
    server.createContext("/api/models", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void family(String author, int size) {
    families.put(author, size);
  }

  /** A family whose models are listed by id; its list requests count as {@link #authorListings}. */
  void listedFamily(String author, int size) {
    families.put(author, size);
    listedAuthors.add(author);
  }

  void nextGeneration() {
    generation.incrementAndGet();
  }

  void resetCounts() {
    groupPages.set(0);
    authorListings.set(0);
    modelRequests.set(0);
    groupModelRequests.set(0);
  }

  static String id(String author, int i) {
    String n = Integer.toString(i);
    return author + "/model-" + "00000".substring(Math.min(5, n.length())) + n;
  }

  private static String hex(long x, int width) {
    String h = Long.toHexString(x);
    return h.length() >= width ? h : "0".repeat(width - h.length()) + h;
  }

  /** How often model {@code i} of a family of {@code size} has changed by now: the g-th change hits the g-th 1%. */
  private int version(int i, int size) {
    int perGeneration = Math.max(1, size / 100);
    int g = generation.get();
    int slice = i / perGeneration; // 0-based slice; slice s changes at generation s+1, and again 100 generations later
    return g > slice ? 1 + (g - slice - 1) / 100 : 0;
  }

  private void handle(HttpExchange ex) throws IOException {
    long due = System.nanoTime() + latencyMs * 1_000_000L;
    try {
      String path = ex.getRequestURI().getRawPath();
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      if (path.equals("/api/models") || path.equals("/api/models/")) {
        (listedAuthors.contains(query.get("author")) ? authorListings : groupPages).incrementAndGet();
        list(ex, query, due);
      } else {
        modelRequests.incrementAndGet();
        String id = URLDecoder.decode(path.substring("/api/models/".length()), StandardCharsets.UTF_8);
        int slash = id.indexOf('/');
        if (slash < 0 || !listedAuthors.contains(id.substring(0, slash))) {
          groupModelRequests.incrementAndGet();
        }
        Integer size = slash < 0 ? null : families.get(id.substring(0, slash));
        int i = -1;
        if (size != null && id.startsWith("model-", slash + 1)) {
          try {
            i = Integer.parseInt(id.substring(slash + 7));
          } catch (NumberFormatException e) {
            i = -1;
          }
        }
        if (i < 0 || i >= size) {
          send(ex, 404, "{\"error\":\"Repository Not Found\"}", null, due);
          return;
        }
        StringBuilder body = new StringBuilder();
        item(body, id.substring(0, slash), i, size);
        send(ex, 200, body.toString(), null, due);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ex.close();
    }
  }

  private void list(HttpExchange ex, Map<String, String> query, long due) throws IOException, InterruptedException {
    String author = query.get("author");
    int size = families.getOrDefault(author, 0);
    int limit = Math.min(1000, Integer.parseInt(query.getOrDefault("limit", "1000")));
    int from = Integer.parseInt(query.getOrDefault("cursor", "0"));
    int to = Math.min(size, from + limit);
    StringBuilder body = new StringBuilder(to > from ? (to - from) * 520 : 2).append('[');
    for (int i = from; i < to; i++) {
      if (i > from) {
        body.append(',');
      }
      item(body, author, i, size);
    }
    body.append(']');
    String next = null;
    if (to < size) {
      String raw = ex.getRequestURI().getRawQuery().replaceAll("&?cursor=\\d+", "");
      next = "<" + url() + "/api/models?" + raw + "&cursor=" + to + ">; rel=\"next\"";
    }
    send(ex, 200, body.toString(), next, due);
  }

  /** About the size of a real expanded list item. */
  private void item(StringBuilder out, String author, int i, int size) {
    int v = version(i, size);
    String id = id(author, i);
    long downloads = 1_000_000L - i * 7L + v * 13L;
    out.append("{\"_id\":\"").append(hex((long) id.hashCode() & 0xffffffffL, 24)).append("\",\"id\":\"").append(id)
        .append("\",\"sha\":\"").append(hex(((long) id.hashCode() << 8) ^ v, 40))
        .append("\",\"lastModified\":\"2026-0").append(1 + v % 9).append("-1").append(i % 10).append("T10:00:00.000Z\"")
        .append(",\"createdAt\":\"2024-05-1").append(i % 10).append("T08:00:00.000Z\"")
        .append(",\"downloads\":").append(downloads).append(",\"likes\":").append(i % 500)
        .append(",\"gated\":false,\"library_name\":\"transformers\",\"pipeline_tag\":\"text-generation\"")
        .append(",\"tags\":[\"transformers\",\"safetensors\",\"text-generation\",\"license:apache-2.0\",\"en\"]")
        .append(",\"cardData\":{\"license\":\"apache-2.0\"},\"safetensors\":{\"parameters\":{\"BF16\":")
        .append(7_000_000_000L + i).append("},\"total\":").append(7_000_000_000L + i).append("}}");
  }

  /** Answers at {@code due} ({@link System#nanoTime}), not before. */
  private static void send(HttpExchange ex, int status, String body, String link, long due)
      throws IOException, InterruptedException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
      LockSupport.parkNanos(wait);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    if (link != null) {
      ex.getResponseHeaders().set("Link", link);
    }
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw != null) {
      for (String part : raw.split("&")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          q.putIfAbsent(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return q;
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
