package dev.llmcatalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmcatalog.normalize.Observation;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The per-model digest (V8's subject_digest) keeps its bytes: digests stored by earlier versions stay valid. */
class ModelMergeTest {
  @Test
  void aModelsDigestIsTheSha256OfItsLengthPrefixedFieldsCutTo16Bytes() {
    Observation[] values = {
        new Observation("m", "", "downloads", "684157", null, "u"),
        new Observation("m", "", "license", "apache-2.0", null, "u"),
        new Observation("m", "v1", "mmlu", "71.5", "0.715", "u"),
        new Observation("m", "", "title", "Müller – 模型", "", "u"), // multi-byte UTF-8, and an empty raw text
    };
    // sha256 of, per value: variant, key, value, raw, each as a 4-byte big-endian UTF-8 length (-1: null) and its bytes
    assertThat(HexFormat.of().formatHex(ModelMerge.digest(ModelMerge.sha256(), values, 0, values.length)))
        .isEqualTo("52efe191c96425ce2545b9b0f7c478d7");
    assertThat(HexFormat.of().formatHex(ModelMerge.digest(ModelMerge.sha256(), values, 1, 3)))
        .isNotEqualTo(HexFormat.of().formatHex(ModelMerge.digest(ModelMerge.sha256(), values, 0, 3)));
  }

  @Test
  void aLongModelGrowsTheGatheredBytes() {
    Observation[] values = new Observation[200];
    for (int i = 0; i < values.length; i++) {
      values[i] = new Observation("m", "", String.format("k%03d", i), "x".repeat(100), null, null);
    }
    byte[] whole = ModelMerge.digest(ModelMerge.sha256(), values, 0, values.length);
    assertThat(whole).hasSize(16).isEqualTo(ModelMerge.digest(ModelMerge.sha256(), values.clone(), 0, values.length));
  }
}
