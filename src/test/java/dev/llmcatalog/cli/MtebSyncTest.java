package dev.llmcatalog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.testsupport.Fixtures;
import dev.llmcatalog.testsupport.RawGithub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MTEB from the results repository on GitHub, end to end on the shipped config (issue 13): results that vanish fail
 * the source with the previous scores kept, a model that never had any is fine, and an unchanged index is a 304.
 */
class MtebSyncTest {
  static final String INDEX = "/gh/embeddings-benchmark/results/main/paths.json";
  static final String FILES = "/gh/embeddings-benchmark/results/main/results/";
  static final String SYNTHETIC_INDEX = "leaderboards/mteb/github/SYNTHETIC_paths.json";

  @RegisterExtension
  final CliHarness cli = new CliHarness();

  /** The fixture index without {@code folder}'s entry. */
  private static MockResponse indexWithout(String folder) {
    String index = Fixtures.text(SYNTHETIC_INDEX);
    String edited = index.replaceFirst("(?s)\n  \"" + Pattern.quote(folder) + "\": \\[.*?\n  \\],?", "").replace(",\n}", "\n}");
    assertThat(edited).isNotEqualTo(index);
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain; charset=utf-8").body(edited).build();
  }

  private String rendered() throws Exception {
    Path out = cli.dir().resolve("rendered.md");
    assertThat(cli.run("render", "--out", out.toString()).exitCode()).isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static String mtebLine(CliRunner.Result sync) {
    return sync.out().lines().filter(l -> l.startsWith("mteb: ")).findFirst().orElseThrow();
  }

  @Test
  void aModelWhoseResultsVanishFailsMtebWithItsScoresKeptUntilAccepted() throws Exception {
    assertThat(cli.run("sync").exitCode()).isZero();
    long values = cli.count("SELECT count(*) FROM observation WHERE source = 'mteb'");
    assertThat(rendered()).isEqualTo(Fixtures.text("expected/catalog.md"));
    cli.hub().override(INDEX, indexWithout("moka-ai__m3e-base"));

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).as(sync.out()).isEqualTo(3);
    assertThat(mtebLine(sync)).isEqualTo("mteb: FAILED, snapshot 16, previous data kept: rejected: no data any more for"
        + " moka-ai/m3e-base (snapshot 7 had some): the upstream may have moved or pruned it; rerun with"
        + " `sync --accept-shrink` to accept");
    assertThat(sync.out()).contains("tabby: ok, snapshot 15:");
    assertThat(cli.count("SELECT count(*) FROM observation WHERE source = 'mteb'")).isEqualTo(values);
    assertThat(cli.count("SELECT count(*) FROM observation WHERE source = 'mteb' AND to_snapshot IS NOT NULL")).isZero();
    assertThat(rendered()).isEqualTo(Fixtures.text("expected/catalog.md")).contains("| moka-ai/m3e-base | — | — | 83.99 |");

    CliRunner.Result accepted = cli.run("sync", "--accept-shrink");

    assertThat(accepted.exitCode()).as(accepted.out()).isZero();
    assertThat(mtebLine(accepted)).isEqualTo("mteb: ok, snapshot 25: 3 models, 0 missing, 0 values added, 1 closed");
    assertThat(rendered()).contains("| moka-ai/m3e-base | — | — | — | — | — |");
  }

  @Test
  void aFolderGoneWhileTheIndexStillListsItFailsMtebAlsoWhenTheCardKeepsScores() throws Exception {
    assertThat(cli.run("sync").exitCode()).isZero();
    // What a stale index looks like after results PR #362 removed the folder: listed, but every file answers 404.
    cli.hub().override(FILES + "sensenova__piccolo-large-zh/external/T2Retrieval.json", RawGithub.notFound());

    CliRunner.Result sync = cli.run("sync");

    assertThat(sync.exitCode()).isEqualTo(3);
    assertThat(mtebLine(sync)).startsWith("mteb: FAILED, snapshot 16, previous data kept: rejected: no data any more for"
        + " sensenova/piccolo-large-zh (snapshot 7 had some)");
    assertThat(rendered()).isEqualTo(Fixtures.text("expected/catalog.md"));
  }

  @Test
  void aModelThatNeverHadResultsIsNoFailure() throws Exception {
    cli.hub().override(INDEX, indexWithout("moka-ai__m3e-base"));

    CliRunner.Result first = cli.run("sync");
    CliRunner.Result second = cli.run("sync");

    assertThat(first.exitCode()).as(first.out()).isZero();
    assertThat(mtebLine(first)).isEqualTo("mteb: ok, snapshot 7: 3 models, 0 missing, 11 values added, 0 closed");
    assertThat(second.exitCode()).as(second.out()).isZero();
    assertThat(mtebLine(second)).isEqualTo("mteb: ok, snapshot 16: 3 models, 0 missing, 0 values added, 0 closed");
  }

  @Test
  void anUnchangedIndexIsRevalidatedAndTheArchivedCopyIsReadAgain() throws Exception {
    cli.run("sync");
    List<RecordedRequest> firstRun = cli.requests();
    assertThat(firstRun).filteredOn(r -> r.getUrl().encodedPath().equals(INDEX)).singleElement()
        .satisfies(r -> assertThat(r.getHeaders().get("If-None-Match")).isNull());

    CliRunner.Result again = cli.run("sync");

    assertThat(again.exitCode()).as(again.out()).isZero();
    assertThat(mtebLine(again)).isEqualTo("mteb: ok, snapshot 16: 4 models, 0 missing, 0 values added, 0 closed");
    String etag = RawGithub.etag(Fixtures.bytes(SYNTHETIC_INDEX));
    assertThat(cli.requests()).filteredOn(r -> r.getUrl().encodedPath().equals(INDEX)).singleElement()
        .satisfies(r -> assertThat(r.getHeaders().get("If-None-Match")).isEqualTo(etag));
    // The 304 is archived as the answer it stands for: the same body (stored once), marked, ready to revalidate again.
    String log = "FROM fetch_log l JOIN fetch_url u ON u.id = l.url_id WHERE u.url = '" + cli.hub().endpoint() + INDEX + "'";
    assertThat(cli.count("SELECT count(*) " + log)).isEqualTo(2);
    assertThat(cli.count("SELECT count(DISTINCT body_sha256) " + log + " AND status = 200")).isOne();
    assertThat(cli.count("SELECT count(*) " + log + " AND etag = '" + etag + "'"
        + " AND headers LIKE '%X-LLM-Catalog-Revalidated: 304 Not Modified%'")).isOne();
    assertThat(rendered()).isEqualTo(Fixtures.text("expected/catalog.md"));
  }
}
