package dev.llmcatalog.bench;

import ch.qos.logback.classic.Logger;
import dev.llmcatalog.app.World;
import dev.llmcatalog.cli.Cli;
import dev.llmcatalog.config.CatalogConfig;
import dev.llmcatalog.config.Environment;
import dev.llmcatalog.diff.SourceDiff;
import dev.llmcatalog.diff.StoreDiffer;
import dev.llmcatalog.fetch.FetchSettings;
import dev.llmcatalog.fetch.FetchSettingsFromConfig;
import dev.llmcatalog.fetch.Fetcher;
import dev.llmcatalog.fetch.HttpClients;
import dev.llmcatalog.fetch.Time;
import dev.llmcatalog.normalize.Observation;
import dev.llmcatalog.normalize.SourceData;
import dev.llmcatalog.source.Source;
import dev.llmcatalog.source.Sources;
import dev.llmcatalog.store.SnapshotInfo;
import dev.llmcatalog.store.SnapshotStore;
import dev.llmcatalog.testsupport.TestConfigs;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.LoggerFactory;

/**
 * The performance benchmark behind {@code bench/run} (see the README's "Benchmark"); not a test. Runs the real
 * {@code sync} against {@link MockHub} and prints one line per measure, then one JSON object.
 * Sizes come from system properties: bench.latency (ms, 50), bench.models (bulk group, 10000), bench.listed
 * (listed models, 200), bench.listed.authors (their authors, 20), bench.parallelism (8), bench.syncs (changed syncs,
 * 20), bench.first.runs (first syncs, each into a new database, 3), bench.huge (100000), bench.heap (-Xmx of the huge
 * sync, 256m), bench.python (python3 with huggingface_hub, or empty to skip), bench.scripts (the folder of the Python
 * scripts, bench), bench.pg (the huge part on PostgreSQL too: {@code embedded} or a JDBC URL).
 */
public final class Bench {
  private static final long LATENCY = Long.getLong("bench.latency", 50);
  private static final int MODELS = Integer.getInteger("bench.models", 10_000);
  private static final int LISTED = Integer.getInteger("bench.listed", 200);
  /** How many authors the listed models come from: {@code listed00/model-00000} ... , {@link #PER_AUTHOR} each. */
  private static final int LISTED_AUTHORS = Math.max(1, Math.min(LISTED, Integer.getInteger("bench.listed.authors", 20)));
  private static final int PER_AUTHOR = Math.max(1, (LISTED + LISTED_AUTHORS - 1) / LISTED_AUTHORS);
  /** First syncs into new empty databases, for min/median/max of their ratio to the bound. */
  private static final int FIRST_RUNS = Integer.getInteger("bench.first.runs", 3);
  private static final int PARALLELISM = Integer.getInteger("bench.parallelism", 8);
  private static final int SYNCS = Integer.getInteger("bench.syncs", 20);
  private static final int HUGE = Integer.getInteger("bench.huge", 100_000);
  private static final String HEAP = System.getProperty("bench.heap", "256m");
  private static final String PYTHON = System.getProperty("bench.python", "");
  /** The folder of peer.py and hf_fetch.py. */
  private static final Path SCRIPTS = Path.of(System.getProperty("bench.scripts", "bench"));
  /** Only these parts (comma-separated: sync, diff, python, huge), e.g. to rerun one; all by default. */
  private static final String ONLY = System.getProperty("bench.only", "");
  private static final String PYTHON_MISSING = System.getProperty("bench.python.missing", "huggingface_hub not installed");
  /**
   * PostgreSQL for the huge part too: {@code embedded} (the tests' embedded server) or the JDBC URL of a database in
   * which the benchmark may create and drop a schema of its own; empty: SQLite only.
   */
  private static final String PG = System.getProperty("bench.pg", "");

  /** Runs of each side of the Python comparisons (ours, list_models, the peer's pool), of which the median counts. */
  private static final int PY_RUNS = 3;

  private final MockHub hub;
  private final Path work;
  private final List<String> json = new ArrayList<>();
  /** Median wall time of the first syncs of part 1 (listed models and bulk group into an empty database); seconds. */
  private Double firstSync;
  /** Hub values our first sync stored, for the fair peer's row count; -1 when not known. */
  private long ourRows = -1;

  private Bench(MockHub hub, Path work) {
    this.hub = hub;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    if (!Boolean.getBoolean("bench.log")) {
      ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAndStopAllAppenders();
    }
    Path work = Files.createTempDirectory("llm-catalog-bench");
    try (MockHub hub = new MockHub(LATENCY)) {
      for (int a = 0; a * PER_AUTHOR < LISTED; a++) {
        hub.listedFamily(listedAuthor(a), Math.min(PER_AUTHOR, LISTED - a * PER_AUTHOR));
      }
      hub.family("bulk", MODELS);
      hub.family("huge", HUGE);
      new Bench(hub, work).run();
    } finally {
      if (Boolean.getBoolean("bench.verbose")) {
        System.out.println("the syncs' logs are kept in " + work);
      } else {
        deleteTree(work); // a default run leaves over 400 MB of databases there
      }
    }
    System.exit(0);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private void run() throws Exception {
    // For a profiler (with -Dbench.log=true, `sync -v` timings): first syncs, each into a new database, of the listed
    // models and the group (bench.profile=both) or the group alone (group); each followed by a repeat sync with
    // bench.profile.repeat=true. Prints each sync's wall time.
    String profile = System.getProperty("bench.profile", "");
    if (!profile.isEmpty() && !profile.equals("false")) {
      Path config = profile.equals("group") ? config("group", false, "bulk", MODELS) : config("both", true, "bulk", MODELS);
      for (int i = 0; i < Integer.getInteger("bench.profile.runs", 2); i++) {
        Path db = work.resolve("profile" + i + ".db");
        System.out.printf(Locale.ROOT, "first sync %.3f s%n", sync(config, db));
        if (Boolean.getBoolean("bench.profile.repeat")) {
          System.out.printf(Locale.ROOT, "repeat sync %.3f s%n", sync(config, db));
        }
      }
      return;
    }
    System.out.printf(Locale.ROOT, "mock Hub %s: latency %d ms, %d listed models from %d authors, bulk group of %d,"
        + " parallelism %d%n", hub.url(), LATENCY, LISTED, listedAuthors(), MODELS, PARALLELISM);
    if (part("sync") || part("diff")) {
      syncs();
    }
    if (part("python")) {
      python();
    }
    if (part("huge")) {
      huge();
    }
    System.out.println("{" + String.join(", ", json) + "}");
  }

  private static boolean part(String name) {
    return ONLY.isBlank() || List.of(ONLY.split(",")).contains(name);
  }

  /** Requests one sync made, by kind (see {@link MockHub}), and the lower bound they set. */
  private record Requests(long groupPages, long authorListings, long modelInfo, long groupModelInfo) {
    static Requests of(MockHub hub) {
      return new Requests(hub.groupPages.get(), hub.authorListings.get(), hub.modelRequests.get(),
          hub.groupModelRequests.get());
    }

    /** Requests that run {@link #PARALLELISM} at a time in the Hub source's pool: model info and author listings. */
    long parallel() {
      return modelInfo + authorListings;
    }

    long total() {
      return groupPages + authorListings + modelInfo;
    }

    /** The group pages one after the other, plus the pool's requests {@link #PARALLELISM} at a time; seconds. */
    double bound() {
      return (groupPages * LATENCY + (double) parallel() * LATENCY / PARALLELISM) / 1000.0;
    }

    /** The larger of the two parts alone: the Hub source pages through the groups while the pool runs; seconds. */
    double overlapBound() {
      return Math.max(groupPages * LATENCY, (double) parallel() * LATENCY / PARALLELISM) / 1000.0;
    }
  }

  /**
   * Parts 1 to 4: first and repeat sync ({@link #FIRST_RUNS} times, each first sync into a new empty database),
   * database growth and diff on the last database.
   */
  private void syncs() throws Exception {
    Path both = config("both", true, "bulk", MODELS);
    int tracked = LISTED + MODELS;
    int runs = Math.max(1, FIRST_RUNS);
    double[] firstTimes = new double[runs];
    double[] firstRatios = new double[runs];
    double[] firstOverlapRatios = new double[runs];
    double[] repeatTimes = new double[runs];
    double[] repeatRatios = new double[runs];
    Requests first = null;
    Requests repeat = null;
    long peakHeap = 0;
    long bytesFirst = 0;
    Path db = null;

    // 1. first sync: wall time against the lower bound, requests per model, peak heap; and
    // 2. a repeat sync without upstream change into the same database, once per run
    warmUp();
    for (int r = 0; r < runs; r++) {
      db = work.resolve("both-" + r + ".db");
      hub.resetCounts();
      System.gc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      firstTimes[r] = sync(both, db);
      peakHeap = Math.max(peakHeap, peakHeap());
      first = Requests.of(hub);
      firstRatios[r] = firstTimes[r] / first.bound();
      firstOverlapRatios[r] = firstTimes[r] / first.overlapBound();
      if (r == 0) {
        ourRows = hubRows(db);
      }
      if (r == runs - 1) {
        bytesFirst = dbBytes(db);
      }
      hub.resetCounts();
      repeatTimes[r] = sync(both, db);
      repeat = Requests.of(hub);
      repeatRatios[r] = repeatTimes[r] / repeat.bound();
      System.out.printf(Locale.ROOT, "first sync %d of %d: %.2f s, ratio %.2f; repeat sync: %.2f s, ratio %.2f%n", r + 1,
          runs, firstTimes[r], firstRatios[r], repeatTimes[r], repeatRatios[r]);
      if (r < runs - 1) {
        deleteDb(db);
      }
    }
    firstSync = median(firstTimes);
    double bound = first.bound();
    System.out.printf(Locale.ROOT, "first sync: median %.2f s for %d models (%d group pages, %d author listings, %d model-info"
        + " requests); lower bound %.2f s; ratio median %.2f (min %.2f, max %.2f over %d runs)%n", firstSync, tracked,
        first.groupPages(), first.authorListings(), first.modelInfo(), bound, median(firstRatios), min(firstRatios),
        max(firstRatios), runs);
    System.out.printf(Locale.ROOT, "first sync: %.4f requests per tracked model; peak heap %.1f MiB; %d values stored%n",
        (double) first.total() / tracked, peakHeap / 1048576.0, ourRows);
    // The Hub source reads the pages while the model-info requests run, so the two can overlap: against the larger
    // of them alone the ratio is stricter than against their sum, the bound the issue defines.
    System.out.printf(Locale.ROOT, "first sync: against the overlapped bound %.2f s (pages and the pool's requests side by"
        + " side): ratio median %.2f%n", first.overlapBound(), median(firstOverlapRatios));
    json.add(kv("sync_ratio_to_bound", round(median(firstRatios))));
    json.add(kv("sync_ratio_to_bound_min", round(min(firstRatios))));
    json.add(kv("sync_ratio_to_bound_max", round(max(firstRatios))));
    json.add(kv("sync_ratio_to_overlap_bound", round(median(firstOverlapRatios))));
    json.add(kv("first_sync_s", round(firstSync)));
    json.add(kv("lower_bound_s", round(bound)));
    json.add(kv("peak_heap_mib", round(peakHeap / 1048576.0)));
    json.add(kv("first_requests_per_model", round((double) first.total() / tracked)));

    System.out.printf(Locale.ROOT, "repeat sync, no change: median %.2f s; %d group pages, %d author listings, %d model-info"
        + " requests (%d listed models from %d authors; %d for the bulk group); %.4f requests per tracked model%n",
        median(repeatTimes), repeat.groupPages(), repeat.authorListings(), repeat.modelInfo(), LISTED, listedAuthors(),
        repeat.groupModelInfo(), (double) repeat.total() / tracked);
    System.out.printf(Locale.ROOT, "repeat sync: lower bound %.2f s; ratio median %.2f (min %.2f, max %.2f)%n",
        repeat.bound(), median(repeatRatios), min(repeatRatios), max(repeatRatios));
    json.add(kv("resync_ratio_to_bound", round(median(repeatRatios))));
    json.add(kv("resync_ratio_to_bound_min", round(min(repeatRatios))));
    json.add(kv("resync_ratio_to_bound_max", round(max(repeatRatios))));
    json.add(kv("resync_per_model_requests", repeat.modelInfo()));
    json.add(kv("resync_per_model_requests_bulk_group", repeat.groupModelInfo()));
    json.add(kv("resync_author_listings", repeat.authorListings()));
    json.add(kv("resync_requests_per_model", round((double) repeat.total() / tracked)));

    // 3. database growth: SYNCS more syncs, 1% of the models changed before each
    for (int i = 0; i < SYNCS; i++) {
      hub.nextGeneration();
      sync(both, db);
    }
    long bytesLast = dbBytes(db);
    double growth = (double) (bytesLast - bytesFirst) / bytesFirst;
    System.out.printf(Locale.ROOT, "database: %d bytes after the first sync, %d after %d more with 1%% changed each: growth %.1f%%%n",
        bytesFirst, bytesLast, SYNCS, growth * 100);
    json.add(kv("db_bytes_first", bytesFirst));
    json.add(kv("db_bytes_after_syncs", bytesLast));
    json.add(kv("db_growth_20_syncs", round(growth)));

    // 4. diff of the first and last Hub snapshots against a plain read of the same rows
    diff(db);
  }

  /** The Hub source's fetch alone, as `sync` builds it, against the mock; seconds. */
  private double fetchOnly(Path configFile, int models) throws IOException {
    CatalogConfig config = TestConfigs.load(configFile);
    FetchSettings settings = FetchSettingsFromConfig.apply(config.fetch());
    Environment env = new Environment(Map.of("HF_ENDPOINT", hub.url()));
    OkHttpClient http = HttpClients.create(settings, Optional.empty(), config.endpoints(env).tokenOrigins(), Optional.empty());
    try {
      List<Source> sources = Sources.create(config, env, new Fetcher(http, settings));
      long start = System.nanoTime();
      SourceData data = sources.get(0).fetch();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (sources.size() != 1 || data.subjects() != models) {
        throw new IllegalStateException("the fetch returned " + data.subjects() + " models, not " + models);
      }
      return seconds;
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /** One sync into a throw-away database, so that JIT compilation and class loading are not timed. */
  private void warmUp() throws IOException {
    Path db = work.resolve("warm-up.db");
    sync(config("both", true, "bulk", MODELS), db);
    deleteDb(db);
  }

  private static void deleteDb(Path db) throws IOException {
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(db + suffix));
    }
  }

  private static String listedAuthor(int a) {
    return String.format(Locale.ROOT, "listed%02d", a);
  }

  private static int listedAuthors() {
    return (LISTED + PER_AUTHOR - 1) / PER_AUTHOR;
  }

  /** The listed models: {@link #PER_AUTHOR} of each listed author in turn, {@code listed00/model-00000} first. */
  private static List<String> listedIds() {
    List<String> ids = new ArrayList<>(LISTED);
    for (int i = 0; i < LISTED; i++) {
      ids.add(MockHub.id(listedAuthor(i / PER_AUTHOR), i % PER_AUTHOR));
    }
    return ids;
  }

  /** The Hub values of a database's current state. */
  private static long hubRows(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM observation WHERE source = 'hub' AND to_snapshot IS NULL")) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  private Path config(String name, boolean listed, String author, int limit) throws IOException {
    Path dir = Files.createDirectories(work.resolve(name));
    StringBuilder groups = new StringBuilder();
    StringBuilder template = new StringBuilder("# bench\n\n");
    if (listed) {
      groups.append("  - id: listed\n    title: Listed\n    models:\n");
      for (String id : listedIds()) {
        groups.append("      - ").append(id).append('\n');
      }
      template.append("<!-- llm-catalog:begin group listed -->\n<!-- llm-catalog:end -->\n\n");
    }
    if (author != null) {
      groups.append("  - id: ").append(author).append("\n    title: Top\n    top:\n      author: ").append(author)
          .append("\n      sort: downloads\n      limit: ").append(limit).append('\n');
      template.append("<!-- llm-catalog:begin group ").append(author).append(" -->\n<!-- llm-catalog:end -->\n");
    }
    Files.writeString(dir.resolve("catalog.template.md"), template.toString());
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, "front_matter:\n  title: bench\noutput: catalog.md\ngroups:\n" + groups
        + "sources: [hub]\nreview:\n  diff: catalog.diff\n  summary: summary.md\n"
        + "fetch:\n  parallelism: " + PARALLELISM + "\n  per_host_concurrency: " + PARALLELISM + "\n");
    return file;
  }

  /** One in-process `llm-catalog sync`; seconds. */
  private double sync(Path config, Path db) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long start = System.nanoTime();
    int code = Cli.execute(new Cli.Context(new World(new Environment(Map.of("HF_ENDPOINT", hub.url())), Clock.systemUTC(), Time.SYSTEM),
        new PrintWriter(out), new PrintWriter(err)), Boolean.getBoolean("bench.log")
            ? new String[] {"-v", "--config", config.toString(), "--db", db.toString(), "sync"}
            : new String[] {"--config", config.toString(), "--db", db.toString(), "sync"});
    double seconds = (System.nanoTime() - start) / 1e9;
    if (code != 0 || !out.toString().contains("hub: ok")) {
      throw new IllegalStateException("sync failed (" + code + "): " + out + err);
    }
    return seconds;
  }

  private void diff(Path db) throws Exception {
    try (SnapshotStore store = SnapshotStore.open(db, Clock.systemUTC())) {
      List<SnapshotInfo> hubs = store.listSnapshots().stream().filter(s -> s.source().equals("hub") && s.ok()).toList();
      SnapshotInfo a = hubs.get(0);
      SnapshotInfo b = hubs.get(hubs.size() - 1);
      double diffBest = Double.MAX_VALUE;
      double scanBest = Double.MAX_VALUE;
      int rows = 0;
      int changes = 0;
      // The real path of `diff` and of the review after a sync: two ordered cursors merged, no state in memory.
      StoreDiffer differ = new StoreDiffer(store, 0.1, List.of());
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        List<SourceDiff> diffs = differ.diff(List.of("hub"), OptionalLong.of(a.runId()), OptionalLong.of(b.runId()));
        diffBest = Math.min(diffBest, (System.nanoTime() - t0) / 1e9);
        if (diffs.size() != 1 || diffs.get(0).fromSnapshot() != a.id() || diffs.get(0).toSnapshot() != b.id()) {
          throw new IllegalStateException("diff compared the wrong snapshots: " + diffs);
        }
        changes = diffs.get(0).changes().size();
        long t1 = System.nanoTime();
        int readA = plainRead(db, a.source(), a.id());
        int readB = plainRead(db, b.source(), b.id());
        scanBest = Math.min(scanBest, (System.nanoTime() - t1) / 1e9);
        rows = Math.max(readA, readB);
      }
      System.out.printf(Locale.ROOT, "diff of snapshots %d and %d (%d observations each, %d changes): %.3f s; "
          + "plain read of the same rows: %.3f s; ratio %.2f%n", a.id(), b.id(), rows, changes, diffBest, scanBest,
          diffBest / scanBest);
      json.add(kv("diff_observations", rows));
      json.add(kv("diff_ratio_to_scan", round(diffBest / scanBest)));
    }
  }

  /** The rows of one snapshot's state, read without order and turned into the same objects. */
  private static int plainRead(Path db, String source, long snapshot) throws Exception {
    int n = 0;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT subject, variant, key, value, raw, url, from_snapshot, to_snapshot "
            + "FROM observation WHERE source = '" + source + "'")) {
      List<Observation> rows = new ArrayList<>();
      while (rs.next()) {
        long from = rs.getLong(7);
        long to = rs.getLong(8);
        boolean open = rs.wasNull();
        if (from <= snapshot && (open || to > snapshot)) {
          rows.add(new Observation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6)));
          n++;
        }
      }
    }
    return n;
  }

  private void python() throws Exception {
    if (PYTHON.isEmpty()) {
      System.out.println("huggingface_hub: not measured: " + PYTHON_MISSING);
      pythonSkipped(PYTHON_MISSING);
      return;
    }
    int n = Math.min(LISTED, 200);
    if (!part("sync") && !part("diff")) {
      warmUp(); // else the sync part has warmed this JVM up
      // the fair peer's counterpart: a first sync of the listed models and the bulk group into an empty database
      Path db = work.resolve("peer-ours.db");
      firstSync = sync(config("both", true, "bulk", MODELS), db);
      ourRows = hubRows(db);
      deleteDb(db);
    }
    double oursInfo = sync(config("listed-only", true, null, 0), work.resolve("listed-only.db"));
    // as list_models below: the median of three runs, each a first sync into a new empty database
    List<Double> listRuns = new ArrayList<>();
    for (int i = 0; i < PY_RUNS; i++) {
      deleteDb(work.resolve("bulk-only.db"));
      listRuns.add(sync(config("bulk-only", false, "bulk", MODELS), work.resolve("bulk-only.db")));
    }
    double oursList = median(listRuns.stream().mapToDouble(Double::doubleValue).toArray());
    // the same group again, unchanged upstream: the fetch work of every later cron run
    double oursListAgain = sync(config("bulk-only", false, "bulk", MODELS), work.resolve("bulk-only.db"));
    // The same fetch work as huggingface_hub does (requests and parsing into values; nothing stored or rendered)
    double fetchInfo = fetchOnly(config("listed-only", true, null, 0), n);
    double fetchList = fetchOnly(config("bulk-only", false, "bulk", MODELS), MODELS);
    Path ids = work.resolve("listed-ids.txt");
    Files.write(ids, listedIds().subList(0, n));
    Script hf = script("hf_fetch.py", ids.toString(), "bulk", String.valueOf(MODELS), String.valueOf(PY_RUNS));
    if (!hf.ok()) {
      String reason = "huggingface_hub run failed: " + hf.last();
      System.out.println(reason);
      pythonSkipped(reason);
      return;
    }
    String[] parts = hf.last().split(" ");
    double hfInfo = Double.parseDouble(parts[0]);
    double hfList = Double.parseDouble(parts[1]);
    System.out.printf(Locale.ROOT, "huggingface_hub model_info loop, %d models: %.2f s; our sync of them: %.2f s; speed-up %.1fx%n",
        n, hfInfo, oursInfo, hfInfo / oursInfo);
    System.out.printf(Locale.ROOT, "huggingface_hub list_models, %s models: %.2f s; our sync of the group: %.2f s; speed-up %.2fx%n",
        parts[2], hfList, oursList, hfList / oursList);
    System.out.printf(Locale.ROOT, "  our repeat sync of the unchanged group: %.2f s; speed-up %.2fx%n", oursListAgain,
        hfList / oursListAgain);
    System.out.printf(Locale.ROOT, "  the fetch work alone (Hub source: requests and parsing, nothing stored): %.2f s for"
        + " the listed models (speed-up %.1fx), %.2f s for the group (speed-up %.2fx)%n", fetchInfo, hfInfo / fetchInfo,
        fetchList, hfList / fetchList);
    json.add(kv("speedup_vs_hf_model_info", round(hfInfo / oursInfo)));
    json.add(kv("speedup_vs_hf_model_info_fetch", round(hfInfo / fetchInfo)));
    json.add(kv("speedup_vs_hf_list_models_fetch", round(hfList / fetchList)));
    json.add(kv("speedup_vs_hf_list_models", round(hfList / oursList)));
    json.add(kv("speedup_vs_hf_list_models_repeat_sync", round(hfList / oursListAgain)));
    fairPeer();
  }

  private void pythonSkipped(String reason) {
    json.add(kv("speedup_vs_hf_model_info", null));
    json.add(kv("speedup_vs_hf_list_models", null));
    json.add(kv("speedup_vs_fair_peer", null));
    json.add("\"hf_skipped_reason\": \"" + reason.replace("\"", "'").replace("\\", "/") + "\"");
  }

  /**
   * The fair Python peer (bench/peer.py): our first sync's job written with huggingface_hub, list_models for the
   * group plus model_info for every listed model, stored into a new SQLite file in one transaction; once with a
   * thread pool of our parallelism for the model_info calls, once with a plain loop. Against {@link #firstSync}.
   */
  private void fairPeer() throws Exception {
    Path ids = work.resolve("listed-ids-all.txt");
    Files.write(ids, listedIds());
    int tracked = LISTED + MODELS;
    String reason = null;
    double[] seconds = new double[2];
    int[] workers = {PARALLELISM, 1};
    for (int k = 0; k < 2 && reason == null; k++) {
      Path db = work.resolve("peer-" + workers[k] + ".db");
      // the pool's runs as our first syncs: the median of three (the loop, over 10 s, runs once)
      List<Map<String, Double>> runs = new ArrayList<>();
      for (int r = 0; r < (k == 0 ? PY_RUNS : 1) && reason == null; r++) {
        deleteDb(db);
        Script peer = script("peer.py", "--listed", ids.toString(), "--author", "bulk", "--group", "bulk",
            "--limit", String.valueOf(MODELS), "--workers", String.valueOf(workers[k]), "--db", db.toString());
        if (!peer.ok()) {
          reason = "peer.py failed: " + peer.last();
        } else {
          runs.add(parseFlatJson(peer.last()));
        }
      }
      deleteDb(db);
      if (reason != null) {
        break;
      }
      runs.sort(java.util.Comparator.comparing(run -> run.getOrDefault("seconds", Double.NaN)));
      Map<String, Double> result = runs.get(runs.size() / 2);
      long models = Math.round(result.getOrDefault("models", -1.0));
      long rows = Math.round(result.getOrDefault("rows", -1.0));
      seconds[k] = result.getOrDefault("seconds", Double.NaN);
      if (models != tracked) {
        reason = "peer.py stored " + models + " models, not " + tracked;
        break;
      }
      // the same rows: one per non-null value our Hub source stores, rank included
      if (ourRows >= 0 && rows != ourRows) {
        reason = "peer.py stored " + rows + " values, our first sync " + ourRows;
        break;
      }
      System.out.printf(Locale.ROOT, "fair Python peer (list_models + model_info %s + SQLite executemany in one"
          + " transaction), %d models: %.2f s (list %.2f s, model_info %.2f s, store %.2f s), %d rows; our first sync:"
          + " %.2f s; speed-up %.2fx%n", workers[k] == 1 ? "one by one" : "in " + workers[k] + " threads", models,
          seconds[k], result.get("list_s"), result.get("info_s"), result.get("store_s"), rows, firstSync,
          seconds[k] / firstSync);
      if (k == 0) {
        json.add(kv("fair_peer_rows", rows));
      }
    }
    if (reason != null) {
      System.out.println("fair Python peer: not measured: " + reason);
      json.add(kv("speedup_vs_fair_peer", null));
      json.add("\"fair_peer_skipped_reason\": \"" + reason.replace("\"", "'").replace("\\", "/") + "\"");
      return;
    }
    json.add(kv("fair_peer_s", round(seconds[0])));
    json.add(kv("fair_peer_sequential_s", round(seconds[1])));
    json.add(kv("speedup_vs_fair_peer", round(seconds[0] / firstSync)));
    json.add(kv("speedup_vs_fair_peer_sequential", round(seconds[1] / firstSync)));
  }

  private record Script(boolean ok, String last) {}

  /** One of the Python scripts in {@link #SCRIPTS} against the mock; its exit and last line of output. */
  private Script script(String name, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPTS.resolve(name).toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("HF_ENDPOINT", hub.url());
    pb.environment().put("HF_HUB_DISABLE_TELEMETRY", "1");
    pb.environment().put("HF_HUB_OFFLINE", "0");
    pb.redirectErrorStream(true); // a failure's last line is its error; else the result, printed last
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    String last = output.lines().reduce((x, y) -> y).orElse("");
    return new Script(p.waitFor() == 0, last);
  }

  /** The numbers of a one-level JSON object such as peer.py prints. */
  private static Map<String, Double> parseFlatJson(String line) {
    Map<String, Double> values = new java.util.HashMap<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(\\w+)\":\\s*(-?[0-9.eE+-]+)").matcher(line);
    while (m.find()) {
      values.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return values;
  }

  /**
   * The real CLI in its own JVM with a small heap, syncing one group of {@link #HUGE} models twice: a first sync,
   * then one after 1% of the models changed, whose review step diffs and re-renders the whole group.
   */
  private void huge() throws Exception {
    Path config = config("huge", false, "huge", HUGE);
    huge(config, work.resolve("huge.db").toString(), "SQLite", "bulk_100k");
    if (!PG.isBlank()) {
      String schema = "bench_" + System.currentTimeMillis();
      String url = PG.equals("embedded") ? dev.llmcatalog.testsupport.TestPostgres.withCredentials(
          dev.llmcatalog.testsupport.TestPostgres.emptyDatabase()) : PG;
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      }
      try {
        huge(config, url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, "PostgreSQL", "bulk_100k_pg");
      } finally {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
      }
    }
  }

  private void huge(Path config, String db, String label, String key) throws Exception {
    HugeSync first = hugeSync(config, db, "hub: ok, snapshot 1: " + HUGE + " models");
    hub.nextGeneration();
    HugeSync second = first.ok() ? hugeSync(config, db, "hub: ok, snapshot 2: " + HUGE + " models") : first;
    boolean ok = first.ok() && second.ok();
    System.out.printf(Locale.ROOT, "%s: group of %d models with -Xmx%s: first sync %s in %.1f s, repeat sync with 1%%"
        + " changed %s in %.1f s (%s)%n", label, HUGE, HEAP, first.ok() ? "ok" : "FAILED", first.seconds(),
        second.ok() ? "ok" : "FAILED", second.seconds(), second.last());
    json.add(kv(key + "_xmx256m_ok", ok));
    json.add(kv(key + "_first_s", round(first.seconds())));
    json.add(kv(key + "_repeat_s", round(second.seconds())));
  }

  private record HugeSync(boolean ok, double seconds, String last) {}

  private static final java.util.concurrent.atomic.AtomicInteger HUGE_RUNS = new java.util.concurrent.atomic.AtomicInteger();

  private HugeSync hugeSync(Path config, String db, String expected) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + HEAP, "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), "dev.llmcatalog.cli.Main",
        "--config", config.toString(), "--db", db, "sync", "--progress=none");
    if (Boolean.getBoolean("bench.verbose")) { // huge.log then says where the time went (fetch, write, review)
      pb.command().add(pb.command().indexOf("--config"), "-v");
    }
    pb.environment().put("HF_ENDPOINT", hub.url());
    pb.redirectErrorStream(true);
    File log = work.resolve("huge-" + HUGE_RUNS.incrementAndGet() + ".log").toFile();
    pb.redirectOutput(log);
    long start = System.nanoTime();
    Process p = pb.start();
    boolean done = p.waitFor(8, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String output = Files.readString(log.toPath());
    boolean ok = done && p.exitValue() == 0 && output.contains(expected);
    String last = output.lines().filter(l -> l.contains("hub:") || l.contains("Error") || l.contains("error"))
        .reduce((x, y) -> y).orElse(output.lines().reduce((x, y) -> y).orElse("")).strip();
    return new HugeSync(ok, seconds, last);
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** The database file after a checkpoint, so the write-ahead log is counted where it belongs. */
  private static long dbBytes(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    long wal = Files.exists(Path.of(db + "-wal")) ? Files.size(Path.of(db + "-wal")) : 0;
    return Files.size(db) + wal;
  }

  private static double median(double[] xs) {
    double[] sorted = xs.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double min(double[] xs) {
    return java.util.Arrays.stream(xs).min().orElse(Double.NaN);
  }

  private static double max(double[] xs) {
    return java.util.Arrays.stream(xs).max().orElse(Double.NaN);
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }

  private static String kv(String key, Object value) {
    return "\"" + key + "\": " + (value == null ? "null" : value.toString());
  }
}
