package dev.llmcatalog.source.mteb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.fetch.Fetched;
import dev.llmcatalog.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/**
 * The parser on the real fixture files, and on small built inputs (written inline, SYNTHETIC) for shapes
 * the fixtures lack: multilingual legacy files, STS and pair-classification metric groups, NaN, card entries
 * of other benchmarks and cards with a {@code main_score} metric.
 */
class MtebParserTest {
  private static JsonNode json(String text) throws Exception {
    Fetched fetched = new Fetched("http://x/", "http://x/", 200, Headers.of(), text.getBytes(StandardCharsets.UTF_8));
    return MtebJson.parse(fetched).json();
  }

  private static JsonNode fixture(String path) throws Exception {
    return json(Fixtures.text(MtebFixtureHub.DIR + path));
  }

  @Test
  void legacyRetrievalWithoutMainScoreUsesNdcgAt10() throws Exception {
    List<MainScore> scores = MtebParser.parseResultFile(
        fixture("results-repo/BAAI__bge-base-zh-v1.5/no_revision_available/T2Retrieval.json"), "no_revision_available", "T2Retrieval");

    assertThat(scores).containsExactly(new MainScore("T2Retrieval", "no_revision_available/dev/default", "83.712", "0.83712"));
  }

  @Test
  void legacyClassificationUsesItsMainScore() throws Exception {
    assertThat(MtebParser.parseResultFile(
        fixture("results-repo/BAAI__bge-base-zh-v1.5/no_revision_available/TNews.json"), "no_revision_available", "TNews"))
        .containsExactly(new MainScore("TNews", "no_revision_available/validation/default", "51.084", "0.51084"));
    assertThat(MtebParser.parseResultFile(
        fixture("results-repo/moka-ai__m3e-base/no_revision_available/Waimai.json"), "no_revision_available", "Waimai"))
        .containsExactly(new MainScore("Waimai", "no_revision_available/test/default", "83.99", "0.8399000000000001"));
  }

  @Test
  void currentFormatMainScoreTimesHundred() throws Exception {
    String rev = "f03589ceff5aac7111bd60cfc7d497ca17ecac65";
    assertThat(MtebParser.parseResultFile(
        fixture("results-repo/BAAI__bge-base-zh-v1.5/" + rev + "/TenKGnadClusteringS2S.json"), rev, "TenKGnadClusteringS2S"))
        .containsExactly(new MainScore("TenKGnadClusteringS2S", rev + "/test/default", "10.7696", "0.107696"));
  }

  @Test
  void externalScoresAreAlreadyPercent() throws Exception {
    assertThat(MtebParser.parseResultFile(
        fixture("results-repo/infgrad__stella-base-zh-v2/external/TNews.json"), "external", "TNews"))
        .containsExactly(new MainScore("TNews", "external/validation/default", "51.25200000000001", "51.25200000000001"));
    assertThat(MtebParser.parseResultFile(
        fixture("results-repo/sensenova__piccolo-large-zh/external/T2Retrieval.json"), "external", "T2Retrieval"))
        .containsExactly(new MainScore("T2Retrieval", "external/dev/default", "82.468", "82.468"));
  }

  @Test
  void version000MarksPercentEvenOutsideTheExternalFolder() throws Exception {
    JsonNode file = json("{\"task_name\":\"TNews\",\"mteb_version\":\"0.0.0\","
        + "\"scores\":{\"validation\":[{\"hf_subset\":\"default\",\"main_score\":51.252}]}}");

    assertThat(MtebParser.parseResultFile(file, "no_revision_available", "TNews"))
        .containsExactly(new MainScore("TNews", "no_revision_available/validation/default", "51.252", "51.252"));
  }

  @Test
  void legacyMultilingualSplitsHoldSubsets() throws Exception {
    JsonNode file = json("""
        {"mteb_dataset_name": "AmazonReviewsClassification", "mteb_version": "1.0.2",
         "test": {"de": {"accuracy": 0.41, "f1": 0.4, "main_score": 0.41},
                  "zh": {"accuracy": 0.38, "f1": 0.37, "main_score": 0.38},
                  "evaluation_time": 12.5}}""");

    assertThat(MtebParser.parseResultFile(file, "no_revision_available", "AmazonReviewsClassification")).containsExactly(
        new MainScore("AmazonReviewsClassification", "no_revision_available/test/de", "41", "0.41"),
        new MainScore("AmazonReviewsClassification", "no_revision_available/test/zh", "38", "0.38"));
  }

  @Test
  void legacyMetricGroupsAreNotSubsetsAndGiveSTSAndPairClassificationScores() throws Exception {
    JsonNode sts = json("""
        {"mteb_dataset_name": "AFQMC", "validation": {"cos_sim": {"pearson": 0.51, "spearman": 0.5417},
         "euclidean": {"pearson": 0.52, "spearman": 0.5426}, "manhattan": {"pearson": 0.52, "spearman": 0.542},
         "evaluation_time": 3.1}}""");
    JsonNode pair = json("""
        {"mteb_dataset_name": "Cmnli", "validation": {"cos_sim": {"accuracy": 0.7, "ap": 0.7841, "f1": 0.72},
         "dot": {"accuracy": 0.6, "ap": 0.65}, "max": {"accuracy": 0.7, "ap": 0.7841}}}""");

    assertThat(MtebParser.parseResultFile(sts, "no_revision_available", "AFQMC"))
        .containsExactly(new MainScore("AFQMC", "no_revision_available/validation/default", "54.17", "0.5417"));
    assertThat(MtebParser.parseResultFile(pair, "no_revision_available", "Cmnli"))
        .containsExactly(new MainScore("Cmnli", "no_revision_available/validation/default", "78.41", "0.7841"));
  }

  @Test
  void legacyRulesTellRerankingClusteringAndBitextMiningApart() throws Exception {
    assertThat(MtebParser.parseResultFile(json("{\"mteb_dataset_name\":\"CMedQAv1\",\"test\":{\"map\":0.8479,\"mrr\":0.8717}}"),
        "r", "CMedQAv1")).extracting(MainScore::value).containsExactly("84.79");
    assertThat(MtebParser.parseResultFile(json("{\"mteb_dataset_name\":\"CLSClusteringP2P\",\"test\":{\"v_measure\":0.3898,"
        + "\"v_measures\":{\"x\":[0.1]}}}"), "r", "CLSClusteringP2P")).extracting(MainScore::value).containsExactly("38.98");
    assertThat(MtebParser.parseResultFile(json("{\"mteb_dataset_name\":\"Tatoeba\",\"test\":{\"cmn-eng\":{\"accuracy\":0.9,"
        + "\"f1\":0.88,\"precision\":0.87,\"recall\":0.9}}}"), "r", "Tatoeba"))
        .containsExactly(new MainScore("Tatoeba", "r/test/cmn-eng", "88", "0.88"));
  }

  @Test
  void nanOrNullMainScoresAreNoScoreNotAFailure() throws Exception {
    JsonNode file = json("""
        {"task_name": "STS22", "mteb_version": "1.12.0", "scores": {"test": [
          {"hf_subset": "zh", "languages": ["cmn-Hans"], "main_score": NaN},
          {"hf_subset": "de", "languages": ["deu-Latn"], "main_score": null},
          {"hf_subset": "en", "languages": ["eng-Latn"], "main_score": 0.6}]}}""");

    assertThat(MtebParser.parseResultFile(file, "abc", "STS22"))
        .containsExactly(new MainScore("STS22", "abc/test/en", "60", "0.6"));
  }

  @Test
  void theFileNameNamesTheTaskWhenTheFileDoesNot() throws Exception {
    assertThat(MtebParser.parseResultFile(json("{\"test\":{\"main_score\":0.5}}"), "r", "Waimai"))
        .extracting(MainScore::task).containsExactly("Waimai");
  }

  @Test
  void speedTasksAreNotScores() throws Exception {
    JsonNode file = json("{\"task_name\":\"CPUSpeedTask\",\"mteb_version\":\"1.12.0\",\"scores\":{\"test\":[{\"hf_subset\":"
        + "\"default\",\"avg_words_per_sec\":1250.5,\"main_score\":1250.5}]}}");

    assertThat(MtebParser.parseResultFile(file, "r", "CPUSpeedTask")).isEmpty();
  }

  @Test
  void aNonNumericScoreIsAFormatError() throws Exception {
    JsonNode file = json("{\"task_name\":\"TNews\",\"scores\":{\"test\":[{\"hf_subset\":\"default\",\"main_score\":\"high\"}]}}");

    assertThatThrownBy(() -> MtebParser.parseResultFile(file, "r", "TNews")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scores.test[0]: score 'high' is not a number");
  }

  @Test
  void theRealCardExcerptGivesSixMainScores() throws Exception {
    assertThat(MtebParser.parseModelIndex(fixture("model-info/sensenova--piccolo-large-zh.json"))).containsExactly(
        new MainScore("AFQMC", "model-index/validation/default", "54.168222315174376", "54.168222315174376"),
        new MainScore("ATEC", "model-index/test/default", "54.27914644842898", "54.27914644842898"),
        new MainScore("AmazonReviewsClassification", "model-index/test/zh", "40.33200000000001", "40.33200000000001"),
        new MainScore("CLSClusteringP2P", "model-index/test/default", "38.98356815428385", "38.98356815428385"),
        new MainScore("CMedQAv1", "model-index/test/default", "84.79178620472841", "84.79178620472841"),
        new MainScore("IFlyTek", "model-index/validation/default", "44.24778761061947", "44.24778761061947"));
  }

  @Test
  void cardsWithoutModelIndexHaveNoScores() throws Exception {
    assertThat(MtebParser.parseModelIndex(fixture("model-info/BAAI--bge-base-zh-v1.5.json"))).isEmpty();
    assertThat(MtebParser.parseModelIndex(fixture("model-info/moka-ai--m3e-base.json"))).isEmpty();
  }

  @Test
  void onlyMtebEntriesCountAndMainScoreMetricWins() throws Exception {
    JsonNode info = json("""
        {"_id": "x", "id": "o/m", "model-index": [{"name": "m", "results": [
          {"task": {"type": "text-classification"}, "dataset": {"name": "GLUE SST-2", "type": "glue", "split": "validation"},
           "metrics": [{"type": "accuracy", "value": 0.93}]},
          {"task": {"type": "Classification"}, "dataset": {"name": "MTEB AmazonPolarityClassification (default)",
           "config": "default", "split": "test"},
           "metrics": [{"type": "accuracy", "value": 66.5804}, {"type": "f1", "value": 66.2191},
                       {"type": "main_score", "value": 66.5804}]},
          {"task": {"type": "InstructionRetrieval"}, "dataset": {"name": "MTEB Core17InstructionRetrieval", "split": "test"},
           "metrics": [{"type": "p-MRR", "value": 1.40}, {"type": "main_score", "value": 1.40}]}]}]}""");

    assertThat(MtebParser.parseModelIndex(info)).containsExactly(
        new MainScore("AmazonPolarityClassification", "model-index/test/default", "66.5804", "66.5804"),
        new MainScore("Core17InstructionRetrieval", "model-index/test/default", "1.4", "1.40"));
  }

  @Test
  void cardNamesLoseTheirSubsetSuffix() {
    assertThat(MtebParser.taskOfCardName("MTEB AmazonReviewsClassification (zh)")).isEqualTo("AmazonReviewsClassification");
    assertThat(MtebParser.taskOfCardName("MTEB STS17 (en-en)")).isEqualTo("STS17");
    assertThat(MtebParser.taskOfCardName("MTEB CMedQAv2-reranking")).isEqualTo("CMedQAv2-reranking");
  }

  @Test
  void aCardEntryOfAnUnknownTypeWithoutMainScoreIsAFormatError() throws Exception {
    JsonNode info = json("{\"model-index\":[{\"results\":[{\"task\":{\"type\":\"Mystery\"},\"dataset\":{\"name\":\"MTEB X\","
        + "\"split\":\"test\"},\"metrics\":[{\"type\":\"score\",\"value\":1}]}]}]}");

    assertThatThrownBy(() -> MtebParser.parseModelIndex(info)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model-index[0].results[0] ('MTEB X'): no 'main_score' metric and no main metric known for task type"
            + " 'Mystery' (have: [score])");
  }
}
