package dev.llmcatalog.source.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcatalog.format.Mappers;
import dev.llmcatalog.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HubModelParserTest {
  private static HubModel parse(String fixture) throws Exception {
    return HubModelParser.parse(Mappers.JSON.readTree(Fixtures.bytes(fixture)));
  }

  @Test
  void readsEveryStoredFieldOfARealRecording() throws Exception {
    HubModel m = parse("hf/model-info_HuggingFaceH4--zephyr-7b-beta.json");

    assertThat(m.id()).isEqualTo("HuggingFaceH4/zephyr-7b-beta");
    assertThat(m.sha()).isEqualTo("892b3d7a7b1cf10c7a701c60881cd93df615734c");
    assertThat(m.lastModified()).isEqualTo("2024-10-16T11:48:13.000Z");
    assertThat(m.createdAt()).isEqualTo("2023-10-26T11:25:49.000Z");
    assertThat(m.downloads()).isEqualTo(684157L);
    assertThat(m.likes()).isEqualTo(1667L);
    assertThat(m.license()).isEqualTo("mit");
    assertThat(m.pipelineTag()).isEqualTo("text-generation");
    assertThat(m.libraryName()).isEqualTo("transformers");
    assertThat(m.parameters()).isEqualTo(7241732096L);
    assertThat(m.gated()).isEqualTo("false");
    assertThat(m.tags()).hasSize(22).startsWith("transformers", "pytorch").contains("license:mit").endsWith("region:us");
  }

  @Test
  void parameterCountsAboveTwoToTheThirtyOneStayExact() throws Exception {
    assertThat(parse("hf/model-info_HuggingFaceH4--zephyr-orpo-141b-A35b-v0.1.json").parameters()).isEqualTo(140_620_634_112L);
  }

  @Test
  void gatedAsStringIsKept() throws Exception {
    HubModel m = parse("hf/model-info_meta-llama--Llama-3.1-8B-Instruct.json");
    assertThat(m.gated()).isEqualTo("manual");
    assertThat(m.license()).isEqualTo("llama3.1");
    assertThat(m.parameters()).isEqualTo(8030261248L);
  }

  @Test
  void absentCardDataLeavesTheLicenseUnknown() throws Exception {
    HubModel m = parse("hf/model-info_dbmdz--bert-large-cased-finetuned-conll03-english.json");
    assertThat(m.license()).isNull();
    assertThat(m.parameters()).isEqualTo(333588489L);
    assertThat(m.pipelineTag()).isEqualTo("token-classification");
  }

  @Test
  void absentSafetensorsLeavesTheParameterCountUnknown() throws Exception {
    HubModel m = parse("hf/model-info_stabilityai--stable-diffusion-2-1.json");
    assertThat(m.parameters()).isNull();
    assertThat(m.libraryName()).isEqualTo("diffusers");
    assertThat(m.license()).isEqualTo("openrail++");
  }

  @Test
  void nullModelIndexAndAbsentConfigAreTolerated() throws Exception {
    HubModel m = parse("hf/model-info_espnet--kan-bayashi_ljspeech_vits.json");
    assertThat(m.id()).isEqualTo("espnet/kan-bayashi_ljspeech_vits");
    assertThat(m.license()).isEqualTo("cc-by-4.0");
    assertThat(m.parameters()).isNull();
  }

  @Test
  void licenseListIsJoinedInOrder() throws Exception {
    assertThat(parse("hub-seed/models/sensenova--piccolo-large-zh.json").license()).isEqualTo("apache-2.0, mit");
  }

  @Test
  void licenseComesFromTheTagWhenCardDataIsAbsent() throws Exception {
    assertThat(parse("hub-seed/models/infgrad--stella-base-zh-v2.json").license()).isEqualTo("mit");
  }

  @Test
  void ggufTotalIsTheParameterCountWhenSafetensorsIsAbsent() throws Exception {
    JsonNode page = Mappers.JSON.readTree(Fixtures.bytes("hub-seed/list/thebloke-gguf-page1.json"));
    HubModel mixtral = HubModelParser.parse(page.get(3));
    assertThat(mixtral.id()).isEqualTo("TheBloke/Mixtral-8x7B-Instruct-v0.1-GGUF");
    assertThat(mixtral.parameters()).isEqualTo(46_702_792_704L);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"_id\":\"x\",\"id\":\"a/b\",\"gated\":true}",
      "{\"_id\":\"x\",\"id\":\"a/b\",\"gated\":\"auto\",\"downloads\":null,\"cardData\":null,\"safetensors\":null}"})
  void gatedBooleanOrStringAndNullKeys(String json) throws Exception {
    HubModel m = HubModelParser.parse(Mappers.JSON.readTree(json));
    assertThat(m.gated()).isIn("true", "auto");
    assertThat(m.downloads()).isNull();
    assertThat(m.license()).isNull();
    assertThat(m.parameters()).isNull();
    assertThat(m.tags()).isEmpty();
  }

  @Test
  void expandOnlyPayloadParses() throws Exception {
    HubModel m = parse("hf/model-info-expand_pipeline_tag_facebook--bart-base.json");
    assertThat(m.id()).isEqualTo("facebook/bart-base");
    assertThat(m.pipelineTag()).isEqualTo("feature-extraction");
    assertThat(m.sha()).isNull();
  }

  @Test
  void itemWithoutIdIsRejected() {
    assertThatThrownBy(() -> HubModelParser.parse(Mappers.JSON.readTree("{\"sha\":\"abc\"}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
  }

  /** Issue 20: a model's own benchmark results, bare entries and entries wrapped as {"data": entry, ...}. */
  private static java.util.List<EvalResult> evalResults(String model) throws Exception {
    return HubModelParser.evalResults(Mappers.JSON.readTree(Fixtures.bytes("hub-benchmarks/eval-results/" + model + ".json")));
  }

  @Test
  void bareEvalResultsKeepTheirValuesAsServed() throws Exception {
    assertThat(evalResults("deepseek-ai--deepseek-llm-7b-chat")).containsExactly(
        new EvalResult("Idavidrein/gpqa", "gpqa_diamond", "0.412", "0.412", null, null, null, null),
        new EvalResult("TIGER-Lab/MMLU-Pro", "mmlu_pro", "37.2", "37.20", "2026-02-11",
            "https://huggingface.co/spaces/SaylorTwift/deepseek-llm-mmlu-pro", "5-shot", null));
  }

  /** Not a documented shape: an item without a dataset id or a value is passed over, not a failed model. */
  @Test
  void anItemWithoutDatasetOrValueIsSkipped() throws Exception {
    assertThat(HubModelParser.evalResults(Mappers.JSON.readTree("[{\"filename\":\".eval_results/x.yaml\"},"
        + " {\"data\":{\"dataset\":{\"id\":\"cais/hle\"}}}, {\"dataset\":{\"id\":\"cais/hle\",\"task_id\":\"hle\"},"
        + " \"value\":9.1}]"))).extracting(EvalResult::value).containsExactly("9.1");
  }

  @Test
  void wrappedEvalResultsAreReadFromTheirDataWithTheWrappersVerifiedMark() throws Exception {
    assertThat(evalResults("mistralai--Mixtral-8x7B-Instruct-v0.1")).containsExactly(
        new EvalResult("Idavidrein/gpqa", "gpqa_diamond", "29.8", "29.8", "2026-01-20T09:12:00Z", null, null, "true"),
        new EvalResult("TIGER-Lab/MMLU-Pro", "mmlu_pro", "43.27", "43.27", null,
            "https://huggingface.co/datasets/TIGER-Lab/MMLU-Pro", null, "false"),
        new EvalResult("TIGER-Lab/MMLU-Pro", "mmlu_pro", "45.1", "45.1", null, null, "chain-of-thought", "false"));
  }

  @Test
  void aModelWithoutEvalResultsHasNone() throws Exception {
    assertThat(parse("hf/model-info_HuggingFaceH4--zephyr-7b-beta.json").evalResults()).isEmpty();
  }
}
