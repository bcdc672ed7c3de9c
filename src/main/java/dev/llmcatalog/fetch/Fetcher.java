package dev.llmcatalog.fetch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.format.Mappers;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Executes requests and reads bodies in full, up to a size cap, turning every failure into a {@link FetchException}.
 * {@link #forSource} gives a source its own fetcher whose requests share one {@link Deadline}.
 */
public final class Fetcher {
  private final OkHttpClient client;
  private final FetchSettings settings;
  private final Time time;
  private final String source;
  private final Duration budget;
  private final FetchListener listener;
  private final FetchProgress progress;
  private final ArchiveLookup archive;
  private final AtomicReference<Deadline> deadline = new AtomicReference<>();

  /** A fetcher with the {@link FetchSettings#defaults() default} size cap and source deadline. */
  public Fetcher(OkHttpClient client) {
    this(client, FetchSettings.defaults());
  }

  /** @param client from {@link HttpClients#create(FetchSettings, Optional, java.util.List, Optional)} with the same settings */
  public Fetcher(OkHttpClient client, FetchSettings settings) {
    this(client, settings, Time.SYSTEM, null, null, FetchListener.NONE, FetchProgress.NONE, ArchiveLookup.NONE);
  }

  /** As {@link #Fetcher(OkHttpClient, FetchSettings)}, its deadlines kept on {@code time}. */
  public Fetcher(OkHttpClient client, FetchSettings settings, Time time) {
    this(client, settings, time, null, null);
  }

  Fetcher(OkHttpClient client, FetchSettings settings, Time time, String source, Duration budget) {
    this(client, settings, time, source, budget, FetchListener.NONE, FetchProgress.NONE, ArchiveLookup.NONE);
  }

  private Fetcher(OkHttpClient client, FetchSettings settings, Time time, String source, Duration budget,
      FetchListener listener, FetchProgress progress, ArchiveLookup archive) {
    this.client = Objects.requireNonNull(client, "client == null");
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.time = time;
    this.source = source;
    this.budget = budget;
    this.listener = Objects.requireNonNull(listener, "listener == null");
    this.progress = Objects.requireNonNull(progress, "progress == null");
    this.archive = Objects.requireNonNull(archive, "archive == null");
  }

  /** This fetcher (and every fetcher {@link #forSource} makes from it) telling {@code listener} of each answer. */
  public Fetcher withListener(FetchListener listener) {
    return new Fetcher(client, settings, time, source, budget, listener, progress, archive);
  }

  /** This fetcher (and every fetcher {@link #forSource} makes from it) counting its requests and retries on {@code progress}. */
  public Fetcher withProgress(FetchProgress progress) {
    return new Fetcher(client, settings, time, source, budget, listener, progress, archive);
  }

  /**
   * This fetcher (and every fetcher {@link #forSource} makes from it) revalidating against {@code archive} in
   * {@link #fetchRevalidated}: the raw archive of earlier syncs.
   */
  public Fetcher withArchive(ArchiveLookup archive) {
    return new Fetcher(client, settings, time, source, budget, listener, progress, archive);
  }

  /** A fetcher for source {@code name} with {@link FetchSettings#sourceDeadline()} as its budget. */
  public Fetcher forSource(String name) {
    return forSource(name, settings.sourceDeadline());
  }

  /**
   * A fetcher for source {@code name}, sharing this one's client, whose requests all carry one {@link Deadline}
   * of {@code budget}. The clock starts at its first request, so sources created together and run one after
   * another each get their full budget.
   */
  public Fetcher forSource(String name, Duration budget) {
    Objects.requireNonNull(name, "source name == null");
    Objects.requireNonNull(budget, "budget == null");
    return new Fetcher(client, settings, time, name, budget, listener, progress, archive);
  }

  /**
   * Holds one of the in-flight slots of {@code url}'s host for a chain of requests that each wait for the one before
   * (see {@link HostSlot}), waiting for one to be free; {@link HostSlot#NONE} with a client that has no per-host limit
   * (one made elsewhere than {@link HttpClients}, or the offline one). Close it when the chain ends.
   */
  public HostSlot holdSlot(HttpUrl url) throws FetchException {
    for (Interceptor interceptor : client.interceptors()) {
      if (interceptor instanceof ConcurrencyLimitInterceptor limit) {
        try {
          return limit.hold(url.host());
        } catch (InterruptedIOException e) {
          throw new FetchException(url.toString(), "interrupted while waiting for a connection slot to " + url.host(), e);
        }
      }
    }
    return HostSlot.NONE;
  }

  /** This source's deadline once its first request started; empty for a fetcher not made by {@link #forSource}. */
  public Optional<Deadline> deadline() {
    return Optional.ofNullable(deadline.get());
  }

  /**
   * Any status comes back, after the client's retries; transport failures, oversized or truncated bodies,
   * retries exhausted and an exceeded deadline throw.
   */
  public Fetched fetch(Request request) throws FetchException {
    return fetch(request, null);
  }

  /**
   * As {@link #fetch}, for a large GET body that rarely changes: when the archive ({@link #withArchive}) holds a 200
   * answer to the same URL with an {@code ETag} or {@code Last-Modified}, the request carries {@code If-None-Match} /
   * {@code If-Modified-Since}, and a 304 comes back as that archived answer (status, final URL, body), its headers
   * updated by the 304's and marked {@code X-LLM-Catalog-Revalidated: 304 Not Modified}. Listeners see that full
   * answer, so the archive's newest answer stays one to revalidate next time; its body is stored once.
   */
  public Fetched fetchRevalidated(Request request) throws FetchException {
    if (!request.method().equals("GET")) {
      throw new IllegalArgumentException("only a GET is revalidated: " + Texts.call(request));
    }
    Optional<Fetched> stored = Revalidation.usable(archive.findNewest(request.method(), request.url().toString()));
    return stored.isEmpty() ? fetch(request) : fetch(Revalidation.conditional(request, stored.get()), stored.get());
  }

  private Fetched fetch(Request request, Fetched stored) throws FetchException {
    String url = request.url().toString();
    if (source != null && request.tag(Deadline.class) == null) {
      Deadline started = deadline.updateAndGet(d -> d != null ? d : new Deadline(source, time.now(), budget));
      request = request.newBuilder().tag(Deadline.class, started).build();
    }
    if (progress != FetchProgress.NONE) {
      request = request.newBuilder().tag(ProgressTag.class, new ProgressTag(progress, source)).build();
      progress.requested(source);
    }
    long start = System.nanoTime();
    Fetched fetched;
    try (Response response = client.newCall(request).execute()) {
      ResponseBody body = response.body();
      fetched = new Fetched(url, response.request().url().toString(), response.code(), response.headers(), readCapped(body, url));
    } catch (FetchException e) {
      throw e;
    } catch (IOException e) {
      throw new FetchException(url, Texts.call(request) + " failed: " + Texts.describe(e), e);
    }
    if (stored != null && fetched.status() == 304) {
      fetched = Revalidation.notModified(fetched, stored);
    }
    listener.fetched(new FetchListener.Exchange(source, request.method(), fetched,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
    return fetched;
  }

  /** Parses a body as {@link Mappers#JSON}, failing with the URL and a hint when it is HTML or cut short. */
  public static JsonNode parseJson(Fetched fetched) throws FetchException {
    requireNotHtml(fetched);
    try {
      JsonNode node = Mappers.JSON.readTree(fetched.body());
      if (node == null || node.isMissingNode()) {
        throw new FetchException(fetched.finalUrl(), fetched.status(), fetched.finalUrl() + ": empty body, expected JSON");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new FetchException(fetched.finalUrl(), fetched.status(),
          fetched.finalUrl() + ": body is not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new FetchException(fetched.finalUrl(), "cannot parse " + fetched.finalUrl(), e);
    }
  }

  /**
   * A streaming JSON parser over the body, for reading large arrays item by item (numbers as in
   * {@link #parseJson}); fails like {@link #parseJson} on an HTML page. The caller closes it.
   */
  public static JsonParser jsonParser(Fetched fetched) throws FetchException {
    requireNotHtml(fetched);
    try {
      return Mappers.JSON.createParser(fetched.body());
    } catch (IOException e) {
      throw new FetchException(fetched.finalUrl(), "cannot parse " + fetched.finalUrl(), e);
    }
  }

  /** A login wall or an error page served with 200 is no JSON answer, whatever its body parses as. */
  private static void requireNotHtml(Fetched fetched) throws FetchException {
    String type = fetched.contentType();
    if (type.contains("html")) {
      throw new FetchException(fetched.finalUrl(), fetched.status(),
          fetched.finalUrl() + ": expected JSON, got an HTML page (" + type + ")");
    }
  }

  /** The client's {@link BodyCapInterceptor} has buffered the body already; this guards clients built elsewhere. */
  private byte[] readCapped(ResponseBody body, String url) throws IOException {
    long max = settings.maxBodyBytes();
    long declared = body.contentLength();
    if (declared > max) {
      throw new FetchException(url, 0, url + ": body of " + declared + " bytes exceeds the cap of " + max);
    }
    BufferedSource source = body.source();
    if (source.request(max + 1)) {
      throw new FetchException(url, 0, url + ": body exceeds the cap of " + max + " bytes");
    }
    return source.readByteArray(); // one copy, of the size read
  }

  /** A URL for messages: without the long, repetitive {@code expand} parameters. */
  public static String display(HttpUrl url) {
    return url.newBuilder().removeAllQueryParameters("expand").build().toString();
  }
}
